import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createBrowser } from "../support/browser.js";
import { BASE_URL, countRows, createTestAuth, expectError, PASSWORD, signUpBody, uniqueEmail, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";

/**
 * Issue 14, items 1 and 2: callback URLs that a browser would follow off the app, and origins that
 * only matched because WHATWG URL gives custom schemes the opaque origin "null". Each attack goes
 * through the real handler with the right password, so a missed check would sign the user in.
 */
const TRUSTED = ["myapp://", "*.example.com"];

/** Each open redirect, and why a browser would follow it to another site. */
const ATTACKS: Array<[value: string, why: string]> = [
  ["/\t/evil.test", "tab stripped by browsers, leaving //evil.test"],
  ["/\n/evil.test", "line feed stripped by browsers, leaving //evil.test"],
  ["/\r/evil.test", "carriage return stripped by browsers, leaving //evil.test"],
  ["/\t\\evil.test", "tab stripped and backslash read as a slash"],
  ["\\\\evil.test", "backslashes read as slashes, a protocol-relative URL"],
  ["/\\evil.test", "backslash read as a slash, a protocol-relative URL"],
  ["//evil.test", "a protocol-relative URL to another host"],
  ["https:evil.test", "a scheme without slashes, still https://evil.test"],
  ["http://localhost:3000@evil.test", "the app's origin as userinfo in front of another host"],
  ["javascript:alert(1)", "script run in the app's page, opaque origin equal to a myapp:// entry's"],
  ["JaVaScRiPt:alert(1)", "mixed-case javascript: scheme"],
  ["data:text/html,x", "a data: document, opaque origin"],
  ["vbscript:x", "a vbscript: URL, opaque origin"],
  ["file:///etc/passwd", "a file: URL, opaque origin"],
  ["http://l\u043ecalhost:3000/", "an IDN look-alike of the app's host (Cyrillic o), another host once in punycode"],
  ["https://app.example.com.evil.test/", "a trusted name as a subdomain of another site"],
  ["https://evil.test/.example.com", "a trusted suffix in the path, not the host"],
];

type Raw = { status: number; body: unknown; setCookies: string[] };

for (const d of DIALECTS) {
  describe.skipIf(!d.available)(`redirect and origin attacks on ${d.name} (trustedOrigins ${JSON.stringify(TRUSTED)})`, () => {
    let t: TestAuth;
    let email: string; // an existing user, so a sign-in that slipped through would create a session
    beforeAll(async () => {
      t = await createTestAuth(d, { trustedOrigins: TRUSTED });
      email = uniqueEmail("redirect-target");
      expect((await createBrowser(t.auth.handler).post("/sign-up/email", signUpBody({ email }))).status).toBe(200);
    });
    afterAll(async () => t?.close());

    /** Runs `request` and asserts it was refused with `code` and changed nothing. */
    async function refused(request: () => Promise<Raw>, status: number, code: string): Promise<void> {
      const before = await countRows(t.auth);
      const res = await request();
      expectError(res, status, code);
      expect(res.setCookies).toEqual([]);
      expect(await countRows(t.auth)).toEqual(before);
    }

    /** A raw POST with exactly the headers given (no Origin added). */
    async function send(path: string, headers: Record<string, string>): Promise<Raw> {
      const response = await t.auth.handler(new Request(`${BASE_URL}/api/auth${path}`, { method: "POST", headers }));
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, setCookies: response.headers.getSetCookie() };
    }

    const signIn = (callbackURL: string) => createBrowser(t.auth.handler).post("/sign-in/email", { email, password: PASSWORD, callbackURL });
    const signUp = (callbackURL: string) => createBrowser(t.auth.handler).post("/sign-up/email", { ...signUpBody(), callbackURL });

    for (const [value, why] of ATTACKS) {
      test(`a callbackURL of ${JSON.stringify(value)} (${why}) is refused by /sign-in/email with 403 and signs nobody in`, async () => {
        await refused(() => signIn(value), 403, "INVALID_CALLBACK_URL");
      });

      test(`a callbackURL of ${JSON.stringify(value)} (${why}) is refused by /sign-up/email with 403 and creates no user or session`, async () => {
        await refused(() => signUp(value), 403, "INVALID_CALLBACK_URL");
      });
    }

    for (const image of ["https://img.test/a.png\t", "/\t/evil.test/a.png", "https://img.test\\a.png", "https://img.test/a\u0085.png"]) {
      test(`a sign-up image URL of ${JSON.stringify(image)} (characters browsers drop or rewrite) is refused with 400 and creates no user`, async () => {
        await refused(() => createBrowser(t.auth.handler).post("/sign-up/email", { ...signUpBody(), image }), 400, "VALIDATION_ERROR");
      });
    }

    const ALLOWED = ["/dashboard", "http://localhost:3000/x", "myapp://callback/path", "https://app.example.com/welcome"];

    test("same-origin paths, the base origin, a trusted app scheme and a *.example.com subdomain still sign in and redirect", async () => {
      for (const callbackURL of ALLOWED) {
        const res = await signIn(callbackURL);
        expect(res.status, callbackURL).toBe(200);
        expect(res.body).toMatchObject({ redirect: true, url: callbackURL });
        expect(res.setCookies.some((line) => line.startsWith("better-auth.session_token="))).toBe(true);
      }
    });

    test("the same trusted callbackURLs are accepted by sign-up", async () => {
      for (const callbackURL of ALLOWED) {
        const res = await signUp(callbackURL);
        expect(res.status, `${callbackURL}: ${JSON.stringify(res.body)}`).toBe(200);
      }
    });

    /** A signed-in browser's cookie header and session token. */
    async function signedIn(): Promise<{ cookie: string; token: string }> {
      const browser = createBrowser(t.auth.handler);
      const res = await browser.post<{ token: string }>("/sign-up/email", signUpBody());
      return { cookie: browser.cookieHeader(), token: res.body.token };
    }
    const alive = async (token: string) => (await t.auth.$context.sessions.findByToken(token)) !== null;

    test("a cookie-carrying POST with Referer: foo://x (opaque origin \"null\", like the myapp:// entry) and no Origin is 403 INVALID_ORIGIN and signs nobody out", async () => {
      const { cookie, token } = await signedIn();
      await refused(() => send("/sign-out", { cookie, referer: "foo://x" }), 403, "INVALID_ORIGIN");
      expect(await alive(token)).toBe(true);
    });

    test("a cookie-carrying POST with a javascript: or data: Referer is 403 INVALID_ORIGIN", async () => {
      const { cookie, token } = await signedIn();
      for (const referer of ["javascript:alert(1)", "data:text/html,x"]) {
        await refused(() => send("/sign-out", { cookie, referer }), 403, "INVALID_ORIGIN");
      }
      expect(await alive(token)).toBe(true);
    });

    test("a cookie-carrying POST with Origin: null (sandboxed frame, data: page) is 403 MISSING_OR_NULL_ORIGIN even with a myapp:// entry", async () => {
      const { cookie, token } = await signedIn();
      await refused(() => send("/sign-out", { cookie, origin: "null" }), 403, "MISSING_OR_NULL_ORIGIN");
      expect(await alive(token)).toBe(true);
    });

    test("the trusted app scheme itself is served as an Origin (Better Auth's Expo client sends myapp://)", async () => {
      const { cookie, token } = await signedIn();
      const res = await send("/sign-out", { cookie, origin: "myapp://" });
      expect(res.status).toBe(200);
      expect(await alive(token)).toBe(false);
    });
  });
}
