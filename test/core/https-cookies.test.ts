import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createBrowser } from "../support/browser.js";
import { cookieAttribute, createTestAuth, SECRET, setCookieLine, signedValue, signUpBody, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";

/** On an https base URL every cookie gets the `__Secure-` name prefix and the `Secure` attribute. */
const ORIGIN = "https://app.example.com";
const SECURE_TOKEN = "__Secure-better-auth.session_token";
type Current = { session: { token: string } } | null;

describe("cookies when the base URL is https", () => {
  let t: TestAuth;
  beforeAll(async () => {
    t = await createTestAuth(DIALECTS[0]!, { baseURL: ORIGIN });
  });
  afterAll(async () => t?.close());

  test("sign-up sets __Secure-better-auth.session_token with Secure, and get-session reads it", async () => {
    const browser = createBrowser(t.auth.handler, { origin: ORIGIN });
    const res = await browser.post<{ token: string }>("/sign-up/email", signUpBody({ rememberMe: false }));
    expect(res.status).toBe(200);
    const line = setCookieLine(res.setCookies, SECURE_TOKEN);
    expect(line).toMatch(/; Secure(;|$)/);
    expect(cookieAttribute(line, "SameSite")).toBe("Lax");
    expect(setCookieLine(res.setCookies, "__Secure-better-auth.dont_remember")).toMatch(/; Secure(;|$)/);
    expect(res.setCookies.every((c) => c.startsWith("__Secure-"))).toBe(true);
    expect((await browser.get<Current>("/get-session")).body?.session.token).toBe(res.body.token);
  });

  test("a validly signed cookie under the plain http name is ignored on https (no downgrade through a non-Secure cookie)", async () => {
    const browser = createBrowser(t.auth.handler, { origin: ORIGIN });
    const res = await browser.post<{ token: string }>("/sign-up/email", signUpBody());
    const plain = `better-auth.session_token=${signedValue(res.body.token, SECRET)}`;
    expect((await createBrowser(t.auth.handler, { origin: ORIGIN }).get("/get-session", { headers: { cookie: plain } })).body).toBeNull();
  });

  test("sign-out expires the __Secure- cookie with Secure set, so the browser accepts the deletion", async () => {
    const browser = createBrowser(t.auth.handler, { origin: ORIGIN });
    await browser.post("/sign-up/email", signUpBody());
    const res = await browser.post("/sign-out");
    const line = setCookieLine(res.setCookies, SECURE_TOKEN);
    expect(cookieAttribute(line, "Max-Age")).toBe("0");
    expect(line).toMatch(/; Secure(;|$)/);
  });
});
