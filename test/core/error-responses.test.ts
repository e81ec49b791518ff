import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Plugin } from "../../src/index.js";
import { createBrowser } from "../support/browser.js";
import { kernia } from "../../src/index.js";
import { BASE_URL, countRows, createTestAuth, SECRET, signedValue, signUpBody, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";

/**
 * What an error response carries. An error grants nothing: a session created before the failure
 * gets no cookie, and the 500 says nothing about the cause. Only deletions of dead cookies pass.
 */
describe("error responses", () => {
  let t: TestAuth;
  const logged: unknown[] = [];
  let failNext = false;
  const flaky: Plugin = {
    id: "flaky",
    events: {
      async sessionCreated() {
        if (failNext) throw new Error("secret internal detail: connection string postgres://admin:hunter2@db");
      },
    },
  };
  beforeAll(async () => {
    t = await createTestAuth(DIALECTS[0]!, { plugins: [flaky], logger: { warn: (...args) => logged.push(args), error: (...args) => logged.push(args) } });
  });
  afterAll(async () => t?.close());

  test("a failure after the session was created answers 500 without the session cookie, the stack or the cause", async () => {
    failNext = true;
    try {
      const before = await countRows(t.auth);
      const res = await createBrowser(t.auth.handler).post("/sign-up/email", signUpBody());
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ message: "Internal server error", code: "INTERNAL_SERVER_ERROR" });
      expect(res.setCookies).toEqual([]);
      expect(JSON.stringify(res.body)).not.toContain("hunter2");
      expect(logged.length).toBeGreaterThan(0); // the cause goes to the logger, not the client
      expect(await countRows(t.auth)).toEqual(before); // a request that fails writes nothing (issue 14, item 3)
    } finally {
      failNext = false;
    }
  });

  test("auth.api with asResponse answers the same error shape, and throws a KerniaError without it", async () => {
    const res = await t.auth.api.signInEmail({ body: { email: "nobody@example.com", password: "whatever-password" }, asResponse: true });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: "Invalid email or password", code: "INVALID_EMAIL_OR_PASSWORD" });
    await expect(t.auth.api.listSessions({ headers: {} })).rejects.toMatchObject({ status: 401, code: "UNAUTHORIZED" });
  });

  test("auth.api: a revoked session's cookie is cleared in the 401 asResponse answer", async () => {
    const browser = createBrowser(t.auth.handler);
    const up = await browser.post<{ token: string }>("/sign-up/email", signUpBody());
    await t.auth.$context.sessions.deleteByTokens([up.body.token]);
    const res = await t.auth.api.listSessions({ headers: { cookie: browser.cookieHeader() }, asResponse: true });
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^better-auth\.session_token=; Max-Age=0;/),
      expect.stringMatching(/^better-auth\.dont_remember=; Max-Age=0;/),
      expect.stringMatching(/^better-auth\.session_data=; Max-Age=0;/),
    ]);
  });

  test("an unreachable database (a closed port) fails closed: 503 SERVICE_UNAVAILABLE with no detail, never a session", async () => {
    const down = kernia({
      database: "postgres://postgres@127.0.0.1:1/nowhere",
      secret: SECRET,
      baseURL: BASE_URL,
      logger: { warn: () => undefined, error: () => undefined },
    });
    try {
      const cookie = `better-auth.session_token=${signedValue("A".repeat(32), SECRET)}`;
      const current = await createBrowser(down.handler).get("/get-session", { headers: { cookie } });
      expect(current.status).toBe(503);
      expect(current.body).toEqual({ message: "The service is unavailable. Please try again later.", code: "SERVICE_UNAVAILABLE" });
      const signIn = await createBrowser(down.handler).post("/sign-in/email", { email: "a@example.com", password: "whatever-password" });
      expect(signIn.status).toBe(503);
      expect(signIn.setCookies).toEqual([]);
      expect(JSON.stringify(signIn.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/);
    } finally {
      await down.close();
    }
  });
});
