import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createBrowser } from "../support/browser.js";
import { BASE_URL, countRows, createClock, createTestAuth, expectError, PASSWORD, signUpBody, uniqueEmail, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";

/** The wire table's CSRF, rate-limit and routing rows: what a request must look like to be served. */
type SignedIn = { token: string };
const url = (path: string) => `${BASE_URL}/api/auth${path}`;
const json = { "content-type": "application/json" };

/** A raw request, with exactly the headers given (no jar, no Origin added). */
/** Sends as one client, at `ip` (the mount's peer address). */
async function send(t: TestAuth, path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown; ip?: string } = {}) {
  const response = await t.auth.handler(
    new Request(url(path), {
      method: init.method ?? "POST",
      headers: init.headers ?? {},
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    }),
    { ip: init.ip ?? "198.51.100.7" },
  );
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, headers: response.headers, setCookies: response.headers.getSetCookie() };
}

for (const d of DIALECTS) {
  describe.skipIf(!d.available)(`origin checks, rate limits and routing on ${d.name}`, () => {
    let t: TestAuth;
    beforeAll(async () => {
      t = await createTestAuth(d, { trustedOrigins: ["https://partner.example.com"] });
    });
    afterAll(async () => t?.close());

    /** A signed-in browser's cookie header and session token. */
    async function signedIn(): Promise<{ cookie: string; token: string }> {
      const browser = createBrowser(t.auth.handler);
      const res = await browser.post<SignedIn>("/sign-up/email", signUpBody());
      return { cookie: browser.cookieHeader(), token: res.body.token };
    }
    const alive = async (token: string) => (await t.auth.$context.sessions.findByToken(token)) !== null;

    test("a cookie-carrying POST without Origin or Referer (a CSRF form) is 403 MISSING_OR_NULL_ORIGIN and signs nobody out", async () => {
      const { cookie, token } = await signedIn();
      const res = await send(t, "/sign-out", { headers: { cookie } });
      expectError(res, 403, "MISSING_OR_NULL_ORIGIN");
      expect(res.setCookies).toEqual([]);
      expect(await alive(token)).toBe(true);
    });

    test("a POST with Origin: null (a sandboxed iframe) is 403 MISSING_OR_NULL_ORIGIN and revokes nothing", async () => {
      const { cookie, token } = await signedIn();
      const res = await send(t, "/revoke-sessions", { headers: { cookie, origin: "null" } });
      expectError(res, 403, "MISSING_OR_NULL_ORIGIN");
      expect(await alive(token)).toBe(true);
    });

    test("a POST from a foreign Origin is 403 INVALID_ORIGIN and revokes nothing", async () => {
      const { cookie, token } = await signedIn();
      for (const origin of ["https://evil.example", "http://localhost:3001", "https://localhost:3000", "http://localhost:3000.evil.example"]) {
        const res = await send(t, "/revoke-sessions", { headers: { cookie, origin } });
        expectError(res, 403, "INVALID_ORIGIN");
      }
      expect(await alive(token)).toBe(true);
    });

    test("a POST with a foreign Referer and no Origin is 403 INVALID_ORIGIN; a trusted Referer passes", async () => {
      const { cookie, token } = await signedIn();
      expectError(await send(t, "/sign-out", { headers: { cookie, referer: "https://evil.example/page" } }), 403, "INVALID_ORIGIN");
      expectError(await send(t, "/sign-out", { headers: { cookie, referer: "not a url" } }), 403, "INVALID_ORIGIN");
      expect(await alive(token)).toBe(true);
      const ok = await send(t, "/sign-out", { headers: { cookie, referer: `${BASE_URL}/settings` } });
      expect(ok.status).toBe(200);
      expect(await alive(token)).toBe(false);
    });

    test("a POST from a trustedOrigins origin is served", async () => {
      const { cookie, token } = await signedIn();
      const res = await send(t, "/sign-out", { headers: { cookie, origin: "https://partner.example.com" } });
      expect(res.status).toBe(200);
      expect(await alive(token)).toBe(false);
    });

    test("a cross-site sign-up from a foreign Origin creates no user", async () => {
      const before = await countRows(t.auth);
      const res = await send(t, "/sign-up/email", { headers: { ...json, origin: "https://evil.example" }, body: signUpBody() });
      expectError(res, 403, "INVALID_ORIGIN");
      expect(await countRows(t.auth)).toEqual(before);
    });

    test("curl-style sign-up and sign-in, with no cookies, Origin or fetch metadata, are served", async () => {
      const email = uniqueEmail("curl");
      const up = await send(t, "/sign-up/email", { headers: json, body: signUpBody({ email }) });
      expect(up.status).toBe(200);
      const res = await send(t, "/sign-in/email", { headers: json, body: { email, password: PASSWORD } });
      expect(res.status).toBe(200);
      expect(res.setCookies.some((c) => c.startsWith("better-auth.session_token="))).toBe(true);
    });

    test("a cross-site navigation to sign-in (Sec-Fetch-Site: cross-site, no Origin) is 403 and creates no session (login CSRF)", async () => {
      const email = uniqueEmail("navigate");
      await send(t, "/sign-up/email", { headers: json, body: signUpBody({ email }) });
      const before = await countRows(t.auth);
      for (const site of ["cross-site", "same-site"]) {
        const res = await send(t, "/sign-in/email", {
          headers: { ...json, "sec-fetch-site": site, "sec-fetch-mode": "navigate" },
          body: { email, password: PASSWORD },
        });
        expectError(res, 403, "MISSING_OR_NULL_ORIGIN");
        expect(res.setCookies).toEqual([]);
      }
      expect(await countRows(t.auth)).toEqual(before);
      const sameOrigin = await send(t, "/sign-in/email", { headers: { ...json, "sec-fetch-site": "same-origin" }, body: { email, password: PASSWORD } });
      expect(sameOrigin.status).toBe(200);
    });

    test("GET requests need no Origin: get-session from a plain fetch with the cookie is served", async () => {
      const { cookie, token } = await signedIn();
      const res = await send(t, "/get-session", { method: "GET", headers: { cookie } });
      expect((res.body as { session: { token: string } }).session.token).toBe(token);
    });

    test("an unknown path, or one outside the base path, is 404 NOT_FOUND", async () => {
      expectError(await send(t, "/nope", { method: "GET" }), 404, "NOT_FOUND");
      expectError(await send(t, "/sign-in/email/extra", { headers: json, body: {} }), 404, "NOT_FOUND");
      const outside = await t.auth.handler(new Request(`${BASE_URL}/api/other/get-session`));
      expect(outside.status).toBe(404);
      expect(((await outside.json()) as { code: string }).code).toBe("NOT_FOUND");
      const bare = await t.auth.handler(new Request(`${BASE_URL}/api/auth`));
      expect(bare.status).toBe(404);
    });

    test("a known path with the wrong method is 405 METHOD_NOT_ALLOWED", async () => {
      expectError(await send(t, "/sign-in/email", { method: "GET" }), 405, "METHOD_NOT_ALLOWED");
      // As Better Auth answers a POST to get-session, with its Cache-Control.
      const postSession = await send(t, "/get-session", { headers: { origin: BASE_URL } });
      expectError(postSession, 405, "METHOD_NOT_ALLOWED_DEFER_SESSION_REQUIRED");
      expect(postSession.headers.get("cache-control")).toBe("no-store");
      expectError(await send(t, "/sign-out", { method: "DELETE", headers: { origin: BASE_URL } }), 405, "METHOD_NOT_ALLOWED");
    });
  });

  describe.skipIf(!d.available)(`rate limiting on ${d.name}`, () => {
    const clock = createClock();
    let t: TestAuth;
    beforeAll(async () => {
      t = await createTestAuth(d, { rateLimit: { enabled: true }, advanced: { now: clock.now } });
    });
    afterAll(async () => t?.close());

    test("a fourth sign-in within 10 s (password guessing) is 429 TOO_MANY_REQUESTS with X-Retry-After, and checks no password", async () => {
      const email = uniqueEmail("guess");
      await send(t, "/sign-up/email", { headers: json, body: signUpBody({ email }) });
      for (let i = 0; i < 3; i++) {
        expect((await send(t, "/sign-in/email", { headers: json, body: { email, password: `guess-${i}` } })).status).toBe(401);
      }
      clock.advance(4_000);
      const limited = await send(t, "/sign-in/email", { headers: json, body: { email, password: PASSWORD } });
      expectError(limited, 429, "TOO_MANY_REQUESTS");
      expect(limited.headers.get("x-retry-after")).toBe("6");
      expect(limited.setCookies).toEqual([]);

      clock.advance(6_000); // the window is over
      expect((await send(t, "/sign-in/email", { headers: json, body: { email, password: PASSWORD } })).status).toBe(200);
    });

    test("other endpoints keep the general limit of 100 per 10 s", async () => {
      clock.advance(60_000);
      for (let i = 0; i < 100; i++) expect((await send(t, "/ok", { method: "GET" })).status).toBe(200);
      const limited = await send(t, "/ok", { method: "GET" });
      expectError(limited, 429, "TOO_MANY_REQUESTS");
      expect(Number(limited.headers.get("x-retry-after"))).toBeGreaterThan(0);
    });
  });
}
