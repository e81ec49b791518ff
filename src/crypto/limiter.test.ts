import { describe, expect, test } from "vitest";
import { createLimiter } from "./limiter.js";

/** A task that finishes when the test says so. */
function gate() {
  let open!: () => void;
  const done = new Promise<void>((resolve) => (open = resolve));
  return { open, done };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("createLimiter", () => {
  test("runs at most `concurrency` tasks at once; the rest wait and start in order", async () => {
    const limit = createLimiter(2);
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    const results = gates.map((g, i) =>
      limit(async () => {
        started.push(i);
        peak = Math.max(peak, ++running);
        await g.done;
        running--;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    gates[1]!.open();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  test("a failing task frees its slot and its error reaches the caller", async () => {
    const limit = createLimiter(1);
    await expect(limit(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(limit(async () => "next")).resolves.toBe("next");
  });
});
