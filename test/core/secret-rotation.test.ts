import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { kernia, type Auth } from "../../src/index.js";
import { createBrowser } from "../support/browser.js";
import { BASE_URL, cookieAttribute, cookieMap, createClock, setCookieLine, signedValue, signUpBody, unsignValue } from "../support/core.js";
import { DIALECTS, type TestDatabase } from "../support/dialects.js";

/**
 * `secret: [current, ...previous]`: the first signs, any verifies, and a cookie verified by a
 * previous secret is re-signed with the current one in the same response.
 */
const K1 = "k1-old-secret-0123456789abcdefghijklmnop";
const K2 = "k2-new-secret-0123456789abcdefghijklmnop";
const TOKEN = "better-auth.session_token";
const DONT_REMEMBER = "better-auth.dont_remember";
const HOUR_S = 3600;
type Current = { session: { token: string } } | null;

for (const d of DIALECTS) {
  describe.skipIf(!d.available)(`secret rotation on ${d.name}`, () => {
    const clock = createClock();
    let database: TestDatabase;
    const open: Auth[] = [];
    const server = (secret: string | string[]) => {
      const auth = kernia({ database: database.url, secret, baseURL: BASE_URL, advanced: { now: clock.now } });
      open.push(auth);
      return auth;
    };
    let old: Auth;
    let rotated: Auth;
    let retired: Auth;
    beforeAll(async () => {
      database = await d.create();
      old = server(K1);
      await old.migrate();
      rotated = server([K2, K1]);
      retired = server([K2]);
    });
    afterAll(async () => {
      for (const auth of open) await auth.close();
      await database?.drop();
    });

    /** Signs up on the k1 server; answers the k1-signed cookie header and the token. */
    async function signedWithK1(rememberMe = true) {
      const browser = createBrowser(old.handler);
      const res = await browser.post<{ token: string }>("/sign-up/email", signUpBody({ rememberMe }));
      expect(browser.jar.get(TOKEN)).toBe(signedValue(res.body.token, K1));
      return { cookie: browser.cookieHeader(), token: res.body.token };
    }

    test("[k2, k1] accepts a k1 cookie and re-signs it with k2 in the same response", async () => {
      const { cookie, token } = await signedWithK1();
      clock.advance(HOUR_S * 1000);
      const res = await createBrowser(rotated.handler).get<Current>("/get-session", { headers: { cookie } });
      expect(res.body?.session.token).toBe(token);
      const value = cookieMap(res.setCookies).get(TOKEN)?.value ?? "";
      expect(unsignValue(value, K2)).toBe(token);
      expect(unsignValue(value, K1)).toBeNull();
      // Max-Age is what is left of the session, not a fresh 7 days.
      expect(cookieAttribute(setCookieLine(res.setCookies, TOKEN), "Max-Age")).toBe(String(7 * 24 * HOUR_S - HOUR_S));

      // The re-signed cookie works on [k2, k1] without another re-sign, and on [k2] alone.
      const resigned = `${TOKEN}=${value}`;
      const again = await createBrowser(rotated.handler).get<Current>("/get-session", { headers: { cookie: resigned } });
      expect(again.body?.session.token).toBe(token);
      expect(again.setCookies).toEqual([]);
      expect((await createBrowser(retired.handler).get<Current>("/get-session", { headers: { cookie: resigned } })).body?.session.token).toBe(token);
    });

    test("[k2] alone refuses a k1 cookie: null, and the session row is left alone", async () => {
      const { cookie, token } = await signedWithK1();
      const res = await createBrowser(retired.handler).get("/get-session", { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(res.body).toBeNull();
      expect(await retired.$context.sessions.findByToken(token)).not.toBeNull();
      expect((await createBrowser(retired.handler).get("/list-sessions", { headers: { cookie } })).status).toBe(401);
    });

    test("a rememberMe:false k1 cookie is re-signed as one: no Max-Age, and dont_remember re-signed with k2", async () => {
      const { cookie, token } = await signedWithK1(false);
      const res = await createBrowser(rotated.handler).get<Current>("/get-session", { headers: { cookie } });
      expect(res.body?.session.token).toBe(token);
      expect(cookieAttribute(setCookieLine(res.setCookies, TOKEN), "Max-Age")).toBeUndefined();
      expect(unsignValue(cookieMap(res.setCookies).get(TOKEN)!.value, K2)).toBe(token);
      expect(unsignValue(cookieMap(res.setCookies).get(DONT_REMEMBER)?.value ?? "", K2)).toBe("true");
    });

    test("new sign-ins on [k2, k1] are signed with k2 only", async () => {
      const browser = createBrowser(rotated.handler);
      const res = await browser.post<{ token: string }>("/sign-up/email", signUpBody());
      expect(browser.jar.get(TOKEN)).toBe(signedValue(res.body.token, K2));
      expect(unsignValue(browser.jar.get(TOKEN)!, K1)).toBeNull();
    });

    test("a cookie signed with a secret that was never configured is refused by [k2, k1]", async () => {
      const { token } = await signedWithK1();
      const forged = `${TOKEN}=${signedValue(token, "k0-unknown-secret-0123456789abcdefghijk")}`;
      expect((await createBrowser(rotated.handler).get("/get-session", { headers: { cookie: forged } })).body).toBeNull();
    });
  });
}
