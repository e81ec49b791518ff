import { afterEach, describe, expect, test } from "vitest";
import { readDate } from "./codec.js";

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe("readDate", () => {
  test("the same stored text read twice gives two equal dates, not one shared object", () => {
    const first = readDate("2026-12-04T01:35:24.846Z");
    const second = readDate("2026-12-04T01:35:24.846Z");
    expect(second).not.toBe(first);
    first.setUTCFullYear(2000);
    expect(second.toISOString()).toBe("2026-12-04T01:35:24.846Z");
    expect(readDate("2026-12-04T01:35:24.846Z").toISOString()).toBe("2026-12-04T01:35:24.846Z");
  });

  test("text without a zone is read in the process's time zone each time (it is never kept)", () => {
    process.env.TZ = "UTC";
    const utc = readDate("2026-01-01T00:00:00").getTime();
    process.env.TZ = "America/New_York";
    const newYork = readDate("2026-01-01T00:00:00").getTime();
    expect(newYork - utc).toBe(5 * 3600 * 1000);
  });

  test("dates, epoch milliseconds and invalid text read as before", () => {
    const date = new Date(5);
    expect(readDate(date)).toBe(date);
    expect(readDate(1_000).getTime()).toBe(1_000);
    expect(Number.isNaN(readDate("not a date").getTime())).toBe(true);
    expect(Number.isNaN(readDate("not a date Z").getTime())).toBe(true);
  });
});
