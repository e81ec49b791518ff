import { describe, expect, test } from "vitest";
import { createBrowser, type TestBrowser } from "../support/browser.js";
import {
  cookieAttribute,
  cookieMap,
  SECRET,
  setCookieLine,
  signedValue,
  signUpBody,
  suiteWithClock,
  unsignValue,
} from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";

/**
 * Expiry, sliding refresh and rememberMe:false with an injected clock, checked on both sides of
 * every boundary (1 ms apart), on every dialect: the stored dates keep millisecond precision.
 */
const TOKEN = "better-auth.session_token";
const DONT_REMEMBER = "better-auth.dont_remember";
const SECOND = 1000;
const DAY = 24 * 60 * 60 * SECOND;
type Current = { session: { token: string; expiresAt: string; updatedAt: string } } | null;

for (const d of DIALECTS) {
  describe.skipIf(!d.available)(`session expiry and refresh on ${d.name}`, () => {
    const { clock, START, t } = suiteWithClock(d);

    async function signUp(rememberMe = true): Promise<{ browser: TestBrowser; token: string }> {
      const browser = createBrowser(t.auth.handler);
      const res = await browser.post<{ token: string }>("/sign-up/email", signUpBody({ rememberMe }));
      expect(res.status).toBe(200);
      return { browser, token: res.body.token };
    }
    const storedExpiry = async (token: string) => (await t.auth.$context.sessions.findByToken(token))?.session.expiresAt.getTime();

    test("a 7-day session is valid 1 ms before expiresAt", async () => {
      const { browser, token } = await signUp();
      clock.set(START + 7 * DAY - 1);
      const res = await browser.get<Current>("/get-session");
      expect(res.body?.session.token).toBe(token);
    });

    test("at expiresAt the session is null, its row is deleted and its cookie cleared with Max-Age=0", async () => {
      const { browser, token } = await signUp();
      clock.set(START + 7 * DAY);
      const res = await browser.get<Current>("/get-session");
      expect(res.status).toBe(200);
      expect(res.body).toBeNull();
      expect(cookieAttribute(setCookieLine(res.setCookies, TOKEN), "Max-Age")).toBe("0");
      expect(await t.auth.$context.sessions.findByToken(token)).toBeNull();
      expect(browser.jar.has(TOKEN)).toBe(false);
    });

    test("an expired session is refused by the session endpoints too: 401, row deleted, cookie cleared in the 401", async () => {
      const { browser, token } = await signUp();
      clock.set(START + 7 * DAY);
      const res = await browser.get<{ code: string }>("/list-sessions");
      expect(res.status).toBe(401);
      expect(res.body.code).toBe("UNAUTHORIZED");
      expect(await t.auth.$context.sessions.findByToken(token)).toBeNull();
      expect(cookieAttribute(setCookieLine(res.setCookies, TOKEN), "Max-Age")).toBe("0");
    });

    test("no refresh 1 ms before updateAge (1 day) has passed: no Set-Cookie, expiresAt unchanged", async () => {
      const { browser, token } = await signUp();
      clock.set(START + DAY - 1);
      const res = await browser.get<Current>("/get-session");
      expect(res.setCookies).toEqual([]);
      expect(new Date(res.body!.session.expiresAt).getTime()).toBe(START + 7 * DAY);
      expect(await storedExpiry(token)).toBe(START + 7 * DAY);
    });

    test("once updateAge has passed the expiry slides to now + 7 days, stored and answered, and the cookie is re-set", async () => {
      const { browser, token } = await signUp();
      const now = START + DAY;
      clock.set(now);
      const res = await browser.get<Current>("/get-session");
      expect(new Date(res.body!.session.expiresAt).getTime()).toBe(now + 7 * DAY);
      expect(new Date(res.body!.session.updatedAt).getTime()).toBe(now);
      expect(await storedExpiry(token)).toBe(now + 7 * DAY);
      const line = setCookieLine(res.setCookies, TOKEN);
      expect(cookieMap(res.setCookies).get(TOKEN)?.value).toBe(signedValue(token, SECRET));
      expect(cookieAttribute(line, "Max-Age")).toBe(String((7 * DAY) / SECOND));

      // The next refresh is due a day after this one, not before.
      clock.set(now + DAY - 1);
      expect((await browser.get("/get-session")).setCookies).toEqual([]);
      clock.set(now + DAY);
      expect(new Date((await browser.get<Current>("/get-session")).body!.session.expiresAt).getTime()).toBe(now + 8 * DAY);
    });

    test("a refreshed session outlives its first expiry", async () => {
      const { browser, token } = await signUp();
      clock.set(START + 6 * DAY);
      await browser.get("/get-session");
      clock.set(START + 7 * DAY);
      expect((await browser.get<Current>("/get-session")).body?.session.token).toBe(token);
    });

    test("?disableRefresh=true answers the session without sliding it", async () => {
      const { browser, token } = await signUp();
      clock.set(START + 2 * DAY);
      const res = await browser.get<Current>("/get-session?disableRefresh=true");
      expect(res.body?.session.token).toBe(token);
      expect(res.setCookies).toEqual([]);
      expect(await storedExpiry(token)).toBe(START + 7 * DAY);
    });

    test("rememberMe:false gives a 1-day session, a cookie without Max-Age and a signed dont_remember cookie", async () => {
      const browser = createBrowser(t.auth.handler);
      const res = await browser.post<{ token: string }>("/sign-up/email", signUpBody({ rememberMe: false }));
      expect(await storedExpiry(res.body.token)).toBe(START + DAY);
      expect(cookieAttribute(setCookieLine(res.setCookies, TOKEN), "Max-Age")).toBeUndefined();
      expect(unsignValue(cookieMap(res.setCookies).get(DONT_REMEMBER)!.value, SECRET)).toBe("true");
    });

    test("a rememberMe:false session is never refreshed: valid and unchanged 1 ms before its day is up, null at it", async () => {
      const { browser, token } = await signUp(false);
      for (const at of [START + 1, START + DAY / 2, START + DAY - 1]) {
        clock.set(at);
        const res = await browser.get<Current>("/get-session");
        expect(res.body?.session.token).toBe(token);
        expect(res.setCookies).toEqual([]);
        expect(await storedExpiry(token)).toBe(START + DAY);
      }
      clock.set(START + DAY);
      const res = await browser.get<Current>("/get-session");
      expect(res.body).toBeNull();
      expect(cookieAttribute(setCookieLine(res.setCookies, TOKEN), "Max-Age")).toBe("0");
      expect(cookieAttribute(setCookieLine(res.setCookies, DONT_REMEMBER), "Max-Age")).toBe("0");
      expect(await t.auth.$context.sessions.findByToken(token)).toBeNull();
    });

    test("a forged dont_remember cookie is ignored: the session refreshes as a remembered one", async () => {
      const { browser, token } = await signUp();
      clock.set(START + DAY);
      const cookie = `${browser.cookieHeader()}; ${DONT_REMEMBER}=${signedValue("true", "y".repeat(32))}`;
      const res = await browser.get<Current>("/get-session", { headers: { cookie } });
      expect(await storedExpiry(token)).toBe(START + 8 * DAY);
      expect(cookieAttribute(setCookieLine(res.setCookies, TOKEN), "Max-Age")).toBe(String((7 * DAY) / SECOND));
    });
  });
}
