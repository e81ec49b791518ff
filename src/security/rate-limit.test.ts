import { describe, expect, test } from "vitest";
import { KerniaError } from "../errors.js";
import type { SecondaryStorage } from "../options.js";
import { enforceRateLimit, memoryRateLimitStore, secondaryRateLimitStore } from "./rate-limit.js";

const rule = { window: 10, max: 3 };
const T0 = Date.UTC(2030, 0, 1); // a multiple of 10 s

/** A real in-memory key-value store with the SecondaryStorage shape (no increment). */
function mapStorage(): SecondaryStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: async (key) => data.get(key) ?? null,
    set: async (key, value) => void data.set(key, value),
    delete: async (key) => void data.delete(key),
  };
}

describe.each([
  ["memory", () => memoryRateLimitStore()],
  ["secondary storage", () => secondaryRateLimitStore(mapStorage())],
])("rate limit store in %s", (_name, make) => {
  test("allows max requests per window, then answers the seconds left", async () => {
    const store = make();
    for (let i = 0; i < 3; i++) expect(await store.hit("ip|/sign-in/email", rule, T0 + i * 1000)).toBe(0);
    expect(await store.hit("ip|/sign-in/email", rule, T0 + 3000)).toBe(7);
    expect(await store.hit("ip|/sign-in/email", rule, T0 + 9999)).toBe(1);
  });

  test("a new window starts fresh", async () => {
    const store = make();
    for (let i = 0; i < 4; i++) await store.hit("k", rule, T0);
    expect(await store.hit("k", rule, T0 + 10_000)).toBe(0);
  });

  test("keys are counted apart", async () => {
    const store = make();
    for (let i = 0; i < 3; i++) await store.hit("a", rule, T0);
    expect(await store.hit("b", rule, T0)).toBe(0);
    expect(await store.hit("a", rule, T0)).toBeGreaterThan(0);
  });
});

describe("memory rate limit store", () => {
  test("issue 14.4: a request under a 10 s rule a minute later does not sweep a 900 s window (its budget stays spent)", async () => {
    const store = memoryRateLimitStore();
    const long = { window: 900, max: 3 };
    for (let i = 0; i < 3; i++) expect(await store.hit("ip|/sign-in/email", long, T0)).toBe(0);
    expect(await store.hit("ip|/sign-in/email", long, T0)).toBe(900);
    expect(await store.hit("ip|/ok", rule, T0 + 61_000)).toBe(0);
    expect(await store.hit("ip|/sign-in/email", long, T0 + 61_000)).toBe(839);
    expect(await store.hit("ip|/sign-in/email", long, T0 + 900_000)).toBe(0);
  });

  test("the sweep drops expired windows of every length", async () => {
    const store = memoryRateLimitStore();
    await store.hit("short", rule, T0);
    await store.hit("long", { window: 900, max: 3 }, T0);
    await store.hit("other", rule, T0 + 61_000);
    expect(store.size).toBe(2);
    await store.hit("other", rule, T0 + 961_000);
    expect(store.size).toBe(1);
  });
});

describe("enforceRateLimit", () => {
  test("throws 429 TOO_MANY_REQUESTS carrying retryAfter once over the limit", async () => {
    const store = memoryRateLimitStore();
    for (let i = 0; i < 3; i++) await enforceRateLimit(store, "k", rule, T0);
    const error = await enforceRateLimit(store, "k", rule, T0 + 2000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KerniaError);
    expect(error).toMatchObject({ status: 429, code: "TOO_MANY_REQUESTS", retryAfter: 8 });
  });

  test("secondary storage uses increment() when the store has it", async () => {
    const counts = new Map<string, number>();
    const storage: SecondaryStorage = {
      ...mapStorage(),
      increment: async (key) => {
        counts.set(key, (counts.get(key) ?? 0) + 1);
        return counts.get(key)!;
      },
    };
    const store = secondaryRateLimitStore(storage);
    for (let i = 0; i < 3; i++) expect(await store.hit("k", rule, T0)).toBe(0);
    expect(await store.hit("k", rule, T0)).toBe(10);
    expect([...counts.values()]).toEqual([4]);
  });
});
