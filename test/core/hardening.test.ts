import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { kernia } from "../../src/index.js";
import { KerniaConfigError } from "../../src/errors.js";
import { createBrowser } from "../support/browser.js";
import { cookieAttribute, countRows, createTestAuth, PASSWORD, SECRET, setCookieLine, signUpBody, uniqueEmail, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";

type Current = { session: { token: string } } | null;

describe("a bounded password-hash queue", () => {
  let t: TestAuth;
  beforeAll(async () => {
    // One hash at a time and two waiting.
    t = await createTestAuth(DIALECTS[0]!, {
      emailAndPassword: { hashConcurrency: 1, hashQueueLimit: 2 },
      logger: { warn: () => {}, error: () => {} },
    });
  });
  afterAll(async () => t?.close());

  const post = (path: string, body: unknown) =>
    t.auth.handler(
      new Request(`http://localhost:3000/api/auth${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    );

  test("a flood of concurrent sign-ins past the queue bound gets 503 TOO_MANY_PENDING_PASSWORD_CHECKS for the excess, which signs nobody in", async () => {
    const email = uniqueEmail("flood");
    expect((await post("/sign-up/email", signUpBody({ email }))).status).toBe(200);
    const before = await countRows(t.auth);
    const responses = await Promise.all(Array.from({ length: 12 }, () => post("/sign-in/email", { email, password: PASSWORD })));
    const served = responses.filter((r) => r.status === 200);
    const refused = responses.filter((r) => r.status === 503);
    expect(served.length + refused.length).toBe(12);
    expect(served.length).toBeGreaterThanOrEqual(3);
    expect(refused.length).toBeGreaterThan(0);
    for (const res of refused) {
      expect(await res.json()).toEqual({ code: "TOO_MANY_PENDING_PASSWORD_CHECKS", message: expect.any(String) });
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    const after = await countRows(t.auth);
    expect(after).toEqual({ ...before, session: before.session + served.length });
  });

  test("a flood of concurrent sign-ups past the bound creates no user for the refused ones", async () => {
    const before = await countRows(t.auth);
    const responses = await Promise.all(Array.from({ length: 12 }, () => post("/sign-up/email", signUpBody())));
    const served = responses.filter((r) => r.status === 200).length;
    expect(responses.filter((r) => r.status === 503).length).toBe(12 - served);
    expect(served).toBeLessThan(12);
    const after = await countRows(t.auth);
    expect(after).toEqual({ user: before.user + served, session: before.session + served, account: before.account + served });
  });
});

describe("the __Host- cookie prefix (advanced.useHostPrefix)", () => {
  const ORIGIN = "https://app.example.com";
  let t: TestAuth;
  beforeAll(async () => {
    t = await createTestAuth(DIALECTS[0]!, { baseURL: ORIGIN, advanced: { useHostPrefix: true } });
  });
  afterAll(async () => t?.close());

  test("sign-in sets __Host-better-auth.session_token with Secure, Path=/ and no Domain, and get-session reads it", async () => {
    const browser = createBrowser(t.auth.handler, { origin: ORIGIN });
    const email = uniqueEmail("host-prefix");
    await browser.post("/sign-up/email", signUpBody({ email }));
    await browser.post("/sign-out");
    const res = await browser.post<{ token: string }>("/sign-in/email", { email, password: PASSWORD, rememberMe: false });
    expect(res.status).toBe(200);
    expect(res.setCookies.length).toBeGreaterThan(0);
    for (const line of res.setCookies) {
      expect(line).toMatch(/^__Host-better-auth\./);
      expect(line).toMatch(/; Secure(;|$)/);
      expect(cookieAttribute(line, "Path")).toBe("/");
      expect(cookieAttribute(line, "Domain")).toBeUndefined();
    }
    setCookieLine(res.setCookies, "__Host-better-auth.session_token");
    setCookieLine(res.setCookies, "__Host-better-auth.dont_remember");
    expect((await browser.get<Current>("/get-session")).body?.session.token).toBe(res.body.token);
  });

  test("a validly signed cookie under the __Secure- or plain name is not read (only the __Host- name counts)", async () => {
    const browser = createBrowser(t.auth.handler, { origin: ORIGIN });
    await browser.post("/sign-up/email", signUpBody());
    const value = browser.jar.get("__Host-better-auth.session_token")!;
    for (const name of ["__Secure-better-auth.session_token", "better-auth.session_token"]) {
      const other = createBrowser(t.auth.handler, { origin: ORIGIN });
      expect((await other.get("/get-session", { headers: { cookie: `${name}=${value}` } })).body).toBeNull();
    }
  });

  test("with an http base URL the option is refused at startup, naming it", () => {
    const start = (advanced: Record<string, unknown>) => () =>
      kernia({ secret: SECRET, baseURL: "http://localhost:3000", database: "sqlite::memory:", advanced });
    expect(start({ useHostPrefix: true })).toThrow(KerniaConfigError);
    expect(start({ useHostPrefix: true })).toThrow(/advanced\.useHostPrefix/);
    expect(start({ useHostPrefix: true, useSecureCookies: false })).toThrow(/advanced\.useHostPrefix/);
  });

  test("over https, useSecureCookies: false contradicts it and is refused; an http base URL behind TLS may force Secure", async () => {
    const start = (baseURL: string, advanced: Record<string, unknown>) => () =>
      kernia({ secret: SECRET, baseURL, database: "sqlite::memory:", advanced });
    expect(start(ORIGIN, { useHostPrefix: true, useSecureCookies: false })).toThrow(/advanced\.useHostPrefix/);
    const auth = start("http://localhost:3000", { useHostPrefix: true, useSecureCookies: true })();
    expect(auth.$context.cookies.sessionToken).toBe("__Host-better-auth.session_token");
    await auth.close();
  });
});
