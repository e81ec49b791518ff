import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BASE_URL, createTestAuth, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";

/**
 * Issue 10: a password guesser who spells the sign-in path another way (a doubled slash, a trailing
 * slash, other letter case, percent-encoding) must not get a fresh rate-limit budget: every variant
 * either reaches no endpoint (404, no password checked) or counts in the same bucket.
 */
const VARIANTS = [
  "/api/auth//sign-in/email",
  "/api/auth/sign-in/email/",
  "/api/auth/Sign-In/Email",
  "/api/auth/SIGN-IN/EMAIL",
  "/api/auth/%73ign-in/email",
  "/api/auth/sign-in%2Femail",
  "/api/auth/sign-in/./email",
  "/api/auth/x/../sign-in/email",
  "/api/auth/sign-in/email;x",
  "/api/auth/sign-in/email?x=1",
  "/api//auth/sign-in/email",
];

describe("rate-limit buckets and path variants", () => {
  let t: TestAuth;
  beforeAll(async () => {
    t = await createTestAuth(DIALECTS[0]!, { rateLimit: { enabled: true }, logger: { warn: () => {}, error: () => {} } });
  });
  afterAll(async () => t?.close());

  const signIn = async (path: string) => {
    const request = new Request(`${BASE_URL}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "nobody@example.com", password: "guess-guess-guess" }),
    });
    return (await t.auth.handler(request, { ip: "198.51.100.20" })).status;
  };

  test("after three guesses, no spelling of the sign-in path checks another password", async () => {
    for (let i = 0; i < 3; i++) expect(await signIn("/api/auth/sign-in/email")).toBe(401);
    const answers = Object.fromEntries(await Promise.all(VARIANTS.map(async (path) => [path, await signIn(path)] as const)));
    for (const [path, status] of Object.entries(answers)) expect([404, 429], `${path} answered ${status}`).toContain(status);
    expect(await signIn("/api/auth/sign-in/email")).toBe(429);
  });
});
