import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { refusalLog } from "./refusal-log.js";

const messages = { first: "first refusal", since: (count: number, seconds: number) => `${count} more in ${seconds} s` };

describe("refusalLog", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test("a flood of 10,000 refusals in a minute logs two lines: the first at once, then the count of the rest", () => {
    const error = vi.fn();
    const refused = refusalLog({ error }, messages);
    for (let i = 0; i < 10_000; i++) refused();
    expect(error.mock.calls).toEqual([["first refusal"]]);
    vi.advanceTimersByTime(60_000);
    expect(error.mock.calls).toEqual([["first refusal"], ["9999 more in 60 s"]]);
  });

  test("a flood that goes on logs at most one line per minute, each with the refusals since the last", () => {
    const error = vi.fn();
    const refused = refusalLog({ error }, messages);
    for (let minute = 0; minute < 5; minute++) {
      for (let i = 0; i < 100; i++) {
        refused();
        vi.advanceTimersByTime(500); // 100 refusals over 50 s
      }
      vi.advanceTimersByTime(10_000);
    }
    // 500 refusals over 5 minutes: the first, then one line at the end of each minute.
    expect(error.mock.calls).toEqual([["first refusal"], ["99 more in 60 s"], ...Array.from({ length: 4 }, () => ["100 more in 60 s"])]);
  });

  test("after a quiet minute the next refusal is logged at once again", () => {
    const error = vi.fn();
    const refused = refusalLog({ error }, messages);
    refused();
    vi.advanceTimersByTime(60_000); // nothing more to report: no line
    expect(error).toHaveBeenCalledTimes(1);
    refused();
    expect(error.mock.calls).toEqual([["first refusal"], ["first refusal"]]);
  });
});
