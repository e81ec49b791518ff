import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { memoryRateLimitStore } from "../../src/security/rate-limit.js";
import { BASE_URL, countRows, createClock, createTestAuth, expectError, PASSWORD, signUpBody, uniqueEmail, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";

/**
 * Issue 14, item 4: the memory store swept entries older than six windows of whichever rule the
 * *current* request used, so a request with a 10 s rule reset every 900 s sign-in budget.
 */
const json = { "content-type": "application/json" };

async function send(t: TestAuth, path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await t.auth.handler(
    new Request(`${BASE_URL}/api/auth${path}`, {
      method: init.method ?? "POST",
      headers: json,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    }),
    { ip: "198.51.100.7" },
  );
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, setCookies: response.headers.getSetCookie() };
}

describe("a long custom rate-limit window through the handler", () => {
  const clock = createClock();
  let t: TestAuth;
  beforeAll(async () => {
    t = await createTestAuth(DIALECTS[0]!, {
      rateLimit: { enabled: true, customRules: { "/sign-in/email": { window: 900, max: 3 } } },
      advanced: { now: clock.now },
    });
  });
  afterAll(async () => t?.close());

  test("a GET /ok a minute later does not reset a 900 s sign-in budget (password guessing stays limited)", async () => {
    const email = uniqueEmail("window");
    expect((await send(t, "/sign-up/email", { body: signUpBody({ email }) })).status).toBe(200);
    for (let i = 1; i <= 3; i++) {
      expect((await send(t, "/sign-in/email", { body: { email, password: `guess-${i}` } })).status).toBe(401);
    }
    expectError(await send(t, "/sign-in/email", { body: { email, password: PASSWORD } }), 429, "TOO_MANY_REQUESTS");
    const before = await countRows(t.auth);

    clock.advance(61_000);
    expect((await send(t, "/ok", { method: "GET" })).status).toBe(200);

    // Attempts 5 to 7, even with the right password, stay refused and sign nobody in.
    for (let i = 5; i <= 7; i++) {
      const res = await send(t, "/sign-in/email", { body: { email, password: PASSWORD } });
      expectError(res, 429, "TOO_MANY_REQUESTS");
      expect(res.setCookies).toEqual([]);
    }
    expect(await countRows(t.auth)).toEqual(before);

    clock.advance(900_000); // the sign-in window is over
    expect((await send(t, "/sign-in/email", { body: { email, password: PASSWORD } })).status).toBe(200);
  });
});

describe("the memory store's size bound", () => {
  const rule = { window: 60, max: 3 };
  const T0 = Date.UTC(2030, 0, 1);

  test("a flood of distinct client keys keeps at most maxEntries entries, evicting the oldest first", async () => {
    const store = memoryRateLimitStore({ maxEntries: 3 });
    for (let i = 0; i < 1000; i++) {
      await store.hit(`198.51.100.${i}|/ok`, rule, T0 + i);
      expect(store.size).toBeLessThanOrEqual(3);
    }
    expect(store.size).toBe(3);
  });

  test("the oldest window is the one evicted; newer keys keep their counts", async () => {
    const store = memoryRateLimitStore({ maxEntries: 3 });
    for (let i = 0; i < 4; i++) await store.hit("a", rule, T0);
    for (let i = 0; i < 4; i++) await store.hit("b", rule, T0 + 1);
    expect(await store.hit("a", rule, T0 + 2)).toBeGreaterThan(0);
    expect(await store.hit("b", rule, T0 + 2)).toBeGreaterThan(0);
    await store.hit("c", rule, T0 + 3);
    await store.hit("d", rule, T0 + 4); // a full store: "a", whose window began first, goes
    expect(store.size).toBe(3);
    expect(await store.hit("b", rule, T0 + 5)).toBeGreaterThan(0);
    expect(await store.hit("a", rule, T0 + 6)).toBe(0);
  });

  test("a key whose window restarted counts as new, so it outlives keys whose windows began before", async () => {
    const store = memoryRateLimitStore({ maxEntries: 2 });
    await store.hit("a", rule, T0);
    await store.hit("b", rule, T0 + 1_000);
    for (let i = 0; i < 4; i++) await store.hit("a", rule, T0 + 60_000); // a new window for "a"
    await store.hit("c", rule, T0 + 60_001); // evicts "b", not "a"
    expect(await store.hit("a", rule, T0 + 60_002)).toBeGreaterThan(0);
  });
});
