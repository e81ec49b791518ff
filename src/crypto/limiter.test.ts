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

  test("callers arriving while a finished task hands its slot to a waiter wait too (never concurrency + 1 at once)", async () => {
    const limit = createLimiter(1);
    let running = 0;
    let peak = 0;
    const late: Array<Promise<void>> = [];
    const tracked = (then?: () => void) => async () => {
      peak = Math.max(peak, ++running);
      await tick();
      running--;
      then?.();
    };
    // Callers from microtasks 1 to 6 deep after the first task ends: one of them lands after its
    // slot is released and before the waiting second task resumes, whatever the exact tick count.
    const later = (depth: number) =>
      queueMicrotask(() => (depth === 0 ? late.push(limit(tracked())) : later(depth - 1)));
    const first = limit(tracked(() => [1, 2, 3, 4, 5, 6].forEach(later)));
    const second = limit(tracked());
    await Promise.all([first, second]);
    await tick();
    await Promise.all(late);
    expect(late).toHaveLength(6);
    expect(peak).toBe(1);
  });

  test("past queueLimit waiters, a call is refused at once with the given error and runs nothing", async () => {
    const limit = createLimiter(1, { queueLimit: 2, onQueueFull: () => new Error("queue full") });
    const g = gate();
    let ran = 0;
    const task = async () => {
      ran++;
      await g.done;
    };
    const accepted = [limit(task), limit(task), limit(task)];
    await expect(limit(task)).rejects.toThrow("queue full");
    await tick();
    expect(ran).toBe(1);
    g.open();
    await Promise.all(accepted);
    expect(ran).toBe(3);
    // The queue drained, so calls are accepted again.
    await expect(limit(async () => "again")).resolves.toBe("again");
  });

  test("queueLimit 0 runs up to `concurrency` and refuses the rest", async () => {
    const limit = createLimiter(2, { queueLimit: 0 });
    const g = gate();
    const accepted = [limit(() => g.done), limit(() => g.done)];
    await expect(limit(async () => "late")).rejects.toThrow();
    g.open();
    await Promise.all(accepted);
  });
});
