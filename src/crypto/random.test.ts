import { describe, expect, test } from "vitest";
import { generateSecret, randomId } from "./random.js";

describe("randomId", () => {
  test("is 32 characters of [A-Za-z0-9] by default", () => {
    for (let i = 0; i < 1000; i++) expect(randomId()).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  test("honours the length asked for", () => {
    for (const length of [1, 16, 33, 64, 200]) expect(randomId(length)).toMatch(new RegExp(`^[A-Za-z0-9]{${length}}$`));
  });

  test("does not repeat", () => {
    const seen = new Set(Array.from({ length: 10_000 }, () => randomId()));
    expect(seen.size).toBe(10_000);
  });

  test("uses the whole alphabet, each character about equally often (no modulo bias)", () => {
    const counts = new Map<string, number>();
    const samples = 4000;
    for (let i = 0; i < samples; i++) for (const c of randomId()) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const expected = (samples * 32) / 62; // ≈ 2065
    // With 248 = 4 × 62 only unbiased bytes are used; a byte % 62 bias would put the first
    // eight characters near 1.25 × expected. ±15% is more than 6 standard deviations.
    for (const [, n] of counts) {
      expect(n).toBeGreaterThan(expected * 0.85);
      expect(n).toBeLessThan(expected * 1.15);
    }
  });
});

describe("generateSecret", () => {
  test("is 32 random bytes as base64url, long enough for the secret option", () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, "base64url")).toHaveLength(32);
    expect(generateSecret()).not.toBe(secret);
  });
});
