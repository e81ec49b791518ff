import { describe, expect, test } from "vitest";
import { createBrowser } from "../support/browser.js";
import {
  cookieAttribute,
  cookieMap,
  expectError,
  expectWireSession,
  expectWireUser,
  ID,
  PASSWORD,
  SECRET,
  setCookieLine,
  signedValue,
  signUpBody,
  suiteWithClock,
  uniqueEmail,
  unsignValue,
} from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";

/** The wire table's sign-up, sign-in, sign-out and get-session rows, through `auth.handler`. */
const TOKEN = "better-auth.session_token";
const DONT_REMEMBER = "better-auth.dont_remember";
const DAY = 24 * 60 * 60;
type User = { id: string; email: string; name: string; image: string | null; emailVerified: boolean };
type SignedIn = { token: string; user: User; redirect?: boolean; url?: string };
type Current = { session: { id: string; token: string; userId: string; expiresAt: string; userAgent: string | null }; user: User } | null;

for (const d of DIALECTS) {
  describe.skipIf(!d.available)(`sign-up, sign-in, sign-out, get-session on ${d.name}`, () => {
    const { START, t } = suiteWithClock(d);

    test("sign-up answers 200 {token, user}, lower-cases the email and sets a signed 7-day session cookie", async () => {
      const browser = createBrowser(t.auth.handler);
      const email = uniqueEmail("MiXeD").toUpperCase();
      const res = await browser.post<SignedIn>("/sign-up/email", signUpBody({ email }), { headers: { "user-agent": "suite/1" } });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(["token", "user"]);
      expect(res.body.token).toMatch(ID);
      expectWireUser(res.body.user);
      expect(res.body.user).toMatchObject({ name: "Ada Lovelace", email: email.toLowerCase(), emailVerified: false, image: null });

      const line = setCookieLine(res.setCookies, TOKEN);
      expect(cookieMap(res.setCookies).get(TOKEN)?.value).toBe(signedValue(res.body.token, SECRET));
      expect(cookieAttribute(line, "Max-Age")).toBe(String(7 * DAY));
      expect(cookieAttribute(line, "Path")).toBe("/");
      expect(cookieAttribute(line, "SameSite")).toBe("Lax");
      expect(line).toMatch(/; HttpOnly(;|$)/);
      expect(line).not.toMatch(/Secure/);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);

      const current = await browser.get<Current>("/get-session");
      expect(current.body?.session.token).toBe(res.body.token);
      expect(current.body?.session.userAgent).toBe("suite/1");
      expect(new Date(current.body!.session.expiresAt).getTime()).toBe(START + 7 * DAY * 1000);
    });

    test("sign-up stores image and answers it; rememberMe:false makes a session cookie without Max-Age", async () => {
      const browser = createBrowser(t.auth.handler);
      const res = await browser.post<SignedIn>("/sign-up/email", signUpBody({ image: "https://cdn.example.com/a.png", rememberMe: false }));
      expect(res.status).toBe(200);
      expect(res.body.user.image).toBe("https://cdn.example.com/a.png");
      expect(cookieAttribute(setCookieLine(res.setCookies, TOKEN), "Max-Age")).toBeUndefined();
      expect(unsignValue(cookieMap(res.setCookies).get(DONT_REMEMBER)?.value ?? "", SECRET)).toBe("true");
    });

    test("sign-up with a taken email, in any letter case, is 422 USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL and sets no cookie", async () => {
      const email = uniqueEmail("taken");
      expect((await createBrowser(t.auth.handler).post("/sign-up/email", signUpBody({ email }))).status).toBe(200);
      const again = await createBrowser(t.auth.handler).post("/sign-up/email", signUpBody({ email: email.toUpperCase() }));
      expectError(again, 422, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");
      expect(again.setCookies).toEqual([]);
    });

    test("sign-up refuses a 7-character password (PASSWORD_TOO_SHORT) and a 129-character one (PASSWORD_TOO_LONG), 8 and 128 pass", async () => {
      const browser = createBrowser(t.auth.handler);
      expectError(await browser.post("/sign-up/email", signUpBody({ password: "a".repeat(7) })), 400, "PASSWORD_TOO_SHORT");
      expectError(await browser.post("/sign-up/email", signUpBody({ password: "a".repeat(129) })), 400, "PASSWORD_TOO_LONG");
      expect((await createBrowser(t.auth.handler).post("/sign-up/email", signUpBody({ password: "a".repeat(8) }))).status).toBe(200);
      expect((await createBrowser(t.auth.handler).post("/sign-up/email", signUpBody({ password: "a".repeat(128) }))).status).toBe(200);
    });

    test("sign-up without a name is 400 VALIDATION_ERROR", async () => {
      const { name: _name, ...body } = signUpBody();
      expectError(await createBrowser(t.auth.handler).post("/sign-up/email", body), 400, "VALIDATION_ERROR");
    });

    test("sign-in answers 200 {redirect:false, token, user} with a new session and a 7-day cookie", async () => {
      const email = uniqueEmail("signin");
      const up = await createBrowser(t.auth.handler).post<SignedIn>("/sign-up/email", signUpBody({ email }));
      const browser = createBrowser(t.auth.handler);
      const res = await browser.post<SignedIn>("/sign-in/email", { email: email.toUpperCase(), password: PASSWORD });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(["redirect", "token", "user"]);
      expect(res.body.redirect).toBe(false);
      expect(res.body.token).toMatch(ID);
      expect(res.body.token).not.toBe(up.body.token);
      expect(res.body.user).toEqual(up.body.user);
      const line = setCookieLine(res.setCookies, TOKEN);
      expect(cookieMap(res.setCookies).get(TOKEN)?.value).toBe(signedValue(res.body.token, SECRET));
      expect(cookieAttribute(line, "Max-Age")).toBe(String(7 * DAY));
      expect(cookieMap(res.setCookies).has(DONT_REMEMBER)).toBe(false);
      expect((await browser.get<Current>("/get-session")).body?.session.token).toBe(res.body.token);
    });

    test("sign-in with rememberMe:false gives a 1-day session, no Max-Age, and a signed dont_remember cookie", async () => {
      const email = uniqueEmail("forget");
      await createBrowser(t.auth.handler).post("/sign-up/email", signUpBody({ email }));
      const browser = createBrowser(t.auth.handler);
      const res = await browser.post<SignedIn>("/sign-in/email", { email, password: PASSWORD, rememberMe: false });
      expect(res.status).toBe(200);
      expect(cookieAttribute(setCookieLine(res.setCookies, TOKEN), "Max-Age")).toBeUndefined();
      const dontRemember = setCookieLine(res.setCookies, DONT_REMEMBER);
      expect(unsignValue(cookieMap(res.setCookies).get(DONT_REMEMBER)!.value, SECRET)).toBe("true");
      expect(cookieAttribute(dontRemember, "Max-Age")).toBeUndefined();
      const current = await browser.get<Current>("/get-session");
      expect(new Date(current.body!.session.expiresAt).getTime()).toBe(START + DAY * 1000);
    });

    test("signing in again with rememberMe on, in a browser holding dont_remember, expires dont_remember", async () => {
      const email = uniqueEmail("toggle");
      const browser = createBrowser(t.auth.handler);
      await browser.post("/sign-up/email", signUpBody({ email, rememberMe: false }));
      expect(browser.jar.has(DONT_REMEMBER)).toBe(true);
      const res = await browser.post<SignedIn>("/sign-in/email", { email, password: PASSWORD });
      expect(cookieAttribute(setCookieLine(res.setCookies, DONT_REMEMBER), "Max-Age")).toBe("0");
      expect(cookieAttribute(setCookieLine(res.setCookies, TOKEN), "Max-Age")).toBe(String(7 * DAY));
      expect(browser.jar.has(DONT_REMEMBER)).toBe(false);
    });

    test("sign-in with a wrong password and with an unknown email get the same 401 INVALID_EMAIL_OR_PASSWORD", async () => {
      const email = uniqueEmail("wrong");
      await createBrowser(t.auth.handler).post("/sign-up/email", signUpBody({ email }));
      const wrong = await createBrowser(t.auth.handler).post("/sign-in/email", { email, password: `${PASSWORD}!` });
      const unknown = await createBrowser(t.auth.handler).post("/sign-in/email", { email: uniqueEmail("nobody"), password: PASSWORD });
      expectError(wrong, 401, "INVALID_EMAIL_OR_PASSWORD");
      expect(unknown.status).toBe(wrong.status);
      expect(unknown.body).toEqual(wrong.body);
      expect(wrong.setCookies).toEqual([]);
      expect(unknown.setCookies).toEqual([]);
    });

    test("sign-in with a same-origin callbackURL answers redirect:true and the url; an open redirect is refused", async () => {
      const email = uniqueEmail("callback");
      await createBrowser(t.auth.handler).post("/sign-up/email", signUpBody({ email }));
      const ok = await createBrowser(t.auth.handler).post<SignedIn>("/sign-in/email", { email, password: PASSWORD, callbackURL: "/dashboard" });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ redirect: true, url: "/dashboard" });
      for (const callbackURL of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"]) {
        const res = await createBrowser(t.auth.handler).post("/sign-in/email", { email, password: PASSWORD, callbackURL });
        expectError(res, 403, "INVALID_CALLBACK_URL");
        expect(res.setCookies).toEqual([]);
      }
    });

    test("sign-up with an open-redirect callbackURL is refused and creates no user", async () => {
      const email = uniqueEmail("signup-callback");
      const res = await createBrowser(t.auth.handler).post("/sign-up/email", { ...signUpBody({ email }), callbackURL: "https://evil.example/" });
      expectError(res, 403, "INVALID_CALLBACK_URL");
      const user = await t.auth.$context.db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst();
      expect(user).toBeUndefined();
    });

    test("sign-out answers {success:true}, deletes the session row and expires the cookies", async () => {
      const browser = createBrowser(t.auth.handler);
      const up = await browser.post<SignedIn>("/sign-up/email", signUpBody({ rememberMe: false }));
      const oldCookies = browser.cookieHeader();
      const res = await browser.post("/sign-out");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ success: true });
      expect(cookieAttribute(setCookieLine(res.setCookies, TOKEN), "Max-Age")).toBe("0");
      expect(cookieAttribute(setCookieLine(res.setCookies, DONT_REMEMBER), "Max-Age")).toBe("0");
      expect(await t.auth.$context.sessions.findByToken(up.body.token)).toBeNull();
      expect((await browser.get("/get-session")).body).toBeNull();
      // The old cookie, replayed, authenticates nobody.
      expect((await createBrowser(t.auth.handler).get("/get-session", { headers: { cookie: oldCookies } })).body).toBeNull();
    });

    test("sign-out without a session still answers {success:true}", async () => {
      const res = await createBrowser(t.auth.handler).post("/sign-out");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ success: true });
    });

    test("get-session answers {session, user} with Cache-Control: no-store, ISO dates ending in Z and 32-character ids", async () => {
      const browser = createBrowser(t.auth.handler);
      const up = await browser.post<SignedIn>("/sign-up/email", signUpBody());
      const res = await browser.get<Current>("/get-session");
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(Object.keys(res.body!).sort()).toEqual(["session", "user"]);
      expectWireSession(res.body!.session);
      expectWireUser(res.body!.user);
      expect(res.body!.session.userId).toBe(up.body.user.id);
      expect(res.body!.user).toEqual(up.body.user);
      expect(res.setCookies).toEqual([]); // nothing to refresh yet
    });

    test("get-session without a cookie answers null, with Cache-Control: no-store", async () => {
      const res = await createBrowser(t.auth.handler).get("/get-session");
      expect(res.status).toBe(200);
      expect(res.body).toBeNull();
      expect(res.headers.get("cache-control")).toBe("no-store");
    });

    test("a session cookie with a forged signature authenticates nobody", async () => {
      const up = await createBrowser(t.auth.handler).post<SignedIn>("/sign-up/email", signUpBody());
      for (const value of [
        signedValue(up.body.token, "y".repeat(32)),
        encodeURIComponent(up.body.token),
        up.body.token,
        flipLastMacCharacter(signedValue(up.body.token, SECRET)),
      ]) {
        const res = await createBrowser(t.auth.handler).get("/get-session", { headers: { cookie: `${TOKEN}=${value}` } });
        expect(res.status).toBe(200);
        expect(res.body).toBeNull();
      }
      expect(await t.auth.$context.sessions.findByToken(up.body.token)).not.toBeNull();
    });
  });
}

/** The signed value with the MAC's last data character changed (its data bits, not its padding). */
function flipLastMacCharacter(cookieValue: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const signed = decodeURIComponent(cookieValue);
  const last = alphabet.indexOf(signed.at(-2)!);
  return encodeURIComponent(`${signed.slice(0, -2)}${alphabet[(last + 16) % 64]}=`);
}
