import { scryptSync } from "node:crypto";
import { describe, expect, test, vi } from "vitest";
import { KerniaError } from "../errors.js";
import { createPasswordHasher } from "./password.js";

describe("createPasswordHasher", () => {
  const hasher = createPasswordHasher({ concurrency: 2 });

  test("stores <32 hex salt>:<128 hex key>, scrypt N=16384 r=16 p=1 over the NFKC password with the hex string as salt", async () => {
    const hash = await hasher.hash("ｐａｓｓ word");
    expect(hash).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    const [salt, key] = hash.split(":") as [string, string];
    const expected = scryptSync("pass word", salt, 64, { N: 16384, r: 16, p: 1, maxmem: 128 * 16384 * 16 * 2 });
    expect(key).toBe(expected.toString("hex"));
  });

  test("verifies the right password and refuses a wrong one", async () => {
    const hash = await hasher.hash("correct horse");
    expect(await hasher.verify(hash, "correct horse")).toBe(true);
    expect(await hasher.verify(hash, "correct horse ")).toBe(false);
    expect(await hasher.verify(hash, "Correct horse")).toBe(false);
  });

  test("hashes from the low-priority threads and from libuv's pool (priority normal) verify on each other", async () => {
    const pool = createPasswordHasher({ concurrency: 1, priority: "normal" });
    const low = createPasswordHasher({ concurrency: 1, priority: "low" });
    try {
      expect(await pool.verify(await low.hash("ｐａｓｓ"), "pass")).toBe(true);
      expect(await low.verify(await pool.hash("pass"), "ｐａｓｓ")).toBe(true);
      expect(await low.verify(await pool.hash("pass"), "pas")).toBe(false);
    } finally {
      await low.close();
    }
  });

  test("two hashes of one password differ (random salt)", async () => {
    expect(await hasher.hash("same")).not.toBe(await hasher.hash("same"));
  });

  test("a malformed stored hash is false, never an exception", async () => {
    const good = await hasher.hash("pw");
    const [salt, key] = good.split(":") as [string, string];
    for (const bad of ["", ":", "nocolon", `${salt}:`, `:${key}`, `${salt}:${key}:extra`, `${salt}:zz${key.slice(2)}`, `${salt}:${key.slice(0, 64)}`, "$2b$10$bcrypt-style"]) {
      await expect(hasher.verify(bad, "pw"), bad).resolves.toBe(false);
    }
  });

  test("burn spends a hash and resolves", async () => {
    await expect(hasher.burn("anything")).resolves.toBeUndefined();
  });

  test("past the queue bound, hash, verify and burn are refused 503 TOO_MANY_PENDING_PASSWORD_CHECKS without hashing", async () => {
    const small = createPasswordHasher({ concurrency: 1, queueLimit: 1, logger: { error: () => {} } });
    const stored = await small.hash("pw");
    const accepted = [small.verify(stored, "pw"), small.verify(stored, "pw")];
    for (const refused of [small.hash("pw"), small.verify(stored, "pw"), small.burn("pw")]) {
      const error = await refused.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KerniaError);
      expect(error).toMatchObject({ status: 503, code: "TOO_MANY_PENDING_PASSWORD_CHECKS" });
    }
    expect(await Promise.all(accepted)).toEqual([true, true]);
  });

  test("a flood of refused password checks is logged once, not once per refusal (no log flood under attack)", async () => {
    const error = vi.fn();
    const small = createPasswordHasher({ concurrency: 1, queueLimit: 1, logger: { error } });
    const accepted = [small.burn("pw"), small.burn("pw")];
    const refusals = await Promise.all(Array.from({ length: 200 }, () => small.burn("pw").catch((e: unknown) => e)));
    expect(refusals.every((e) => e instanceof KerniaError && e.code === "TOO_MANY_PENDING_PASSWORD_CHECKS")).toBe(true);
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toContain("503 TOO_MANY_PENDING_PASSWORD_CHECKS: 1 password checks already wait for 1 hash slot(s)");
    await Promise.all(accepted);
  });
});
