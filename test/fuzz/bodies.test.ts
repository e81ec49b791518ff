import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { multiSession } from "../../src/plugins/index.js";
import { createBrowser, type TestBrowser } from "../support/browser.js";
import { countRows, createTestAuth, signUpBody, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";
import { recordFigures } from "../support/figures.js";

/**
 * Issue 10, hostile input: generated JSON bodies, wrong types, unknown and prototype keys, and
 * malformed text thrown at every endpoint that takes a body, from a signed-in browser. Every
 * answer is a 4xx, never a 5xx, and no row changes. (revoke-session answers an unknown token with
 * 200 and changes nothing, as Better Auth does, so a well-formed body may get 200 there.)
 */
const UNKNOWN_TARGET_IS_OK = new Set(["/revoke-session"]);
const RUNS = Number(process.env.KERNIA_FUZZ_RUNS ?? 300);

/** Values of every JSON type, and strings that are never a valid email (no "." after an "@"). */
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ maxLength: 4 }),
  fc.constantFrom("", " ", "\u0000", "__proto__", "constructor", "a".repeat(5000), "😀", "\uD800"),
);
const keysOf: Record<string, string[]> = {
  "/sign-up/email": ["name", "email", "password", "image", "rememberMe", "callbackURL"],
  "/sign-in/email": ["email", "password", "rememberMe", "callbackURL"],
  "/revoke-session": ["token"],
  "/multi-session/set-active": ["sessionToken", "sessionId"],
  "/multi-session/revoke": ["sessionToken", "sessionId"],
};

/** Bodies of the right shape whose values are wrong: they reach the endpoint's own checks. */
function wellFormed(path: string, existingEmail: string) {
  const text = fc.string({ minLength: 1, maxLength: 40 });
  switch (path) {
    case "/sign-up/email": // an email already taken, or a password too short or too long
      return fc.oneof(
        fc.record({ name: text, email: fc.constant(existingEmail), password: fc.string({ minLength: 8, maxLength: 20 }) }),
        fc.record({ name: text, email: fc.emailAddress(), password: fc.oneof(fc.string({ maxLength: 7 }), fc.string({ minLength: 129, maxLength: 300 })) }),
      );
    case "/sign-in/email":
      return fc.record({ email: fc.oneof(fc.emailAddress(), fc.constant(existingEmail)), password: text }, { requiredKeys: ["email", "password"] });
    case "/revoke-session":
      return fc.record({ token: text });
    default:
      return fc.oneof(fc.record({ sessionId: text }), fc.record({ sessionToken: text }));
  }
}

function bodyFor(path: string, existingEmail: string) {
  const known = keysOf[path]!;
  const object = fc.dictionary(fc.oneof(fc.constantFrom(...known, "__proto__", "userId", "role", "emailVerified"), fc.string({ maxLength: 6 })), value, {
    maxKeys: 6,
  });
  return fc.oneof(
    wellFormed(path, existingEmail).map((o) => JSON.stringify(o)),
    object.map((o) => JSON.stringify(o)),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 40 }), // mostly not JSON at all
    fc.constantFrom("{", "[", "null", "{}", '{"__proto__":{"admin":true}}', '{"email":{"$gt":""}}'),
  );
}

for (const d of DIALECTS.filter((x) => x.name === "sqlite")) {
  describe.skipIf(!d.available)(`generated bodies on every endpoint (${d.name})`, () => {
    let t: TestAuth;
    let browser: TestBrowser;
    const existing = signUpBody();
    beforeAll(async () => {
      t = await createTestAuth(d, { plugins: [multiSession()], logger: { warn: () => {}, error: () => {} } });
      browser = createBrowser(t.auth.handler);
      expect((await browser.post("/sign-up/email", existing)).status).toBe(200);
      expect((await browser.post("/sign-up/email", signUpBody())).status).toBe(200);
    });
    afterAll(async () => t?.close());

    for (const path of Object.keys(keysOf)) {
      test(`${RUNS} generated bodies to ${path}: none a 5xx, none signs in or changes a row`, async () => {
        const before = await countRows(t.auth);
        const statuses = new Map<number, number>();
        await fc.assert(
          fc.asyncProperty(bodyFor(path, existing.email as string), async (raw) => {
            const res = await browser.post(path, undefined, { raw });
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            expect(res.status, raw).toBeGreaterThanOrEqual(UNKNOWN_TARGET_IS_OK.has(path) ? 200 : 400);
            expect(res.status, raw).toBeLessThan(500);
            expect(res.setCookies.filter((line) => !/; Max-Age=0(;|$)/.test(line)), raw).toEqual([]);
          }),
          { numRuns: RUNS },
        );
        expect(await countRows(t.auth)).toEqual(before);
        expect(({} as Record<string, unknown>).admin).toBeUndefined(); // no prototype was polluted
        console.log(`${path}: ${RUNS} bodies, answers ${JSON.stringify(Object.fromEntries(statuses))}`);
        recordFigures(`generated bodies to ${path}`, { cases: RUNS, answers: Object.fromEntries(statuses) });
      }, 300_000); // well-formed sign-ins each cost a password hash
    }
  });
}
