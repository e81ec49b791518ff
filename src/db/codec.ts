import type { DialectName } from "./dialect.js";
import type { DbBool, DbDate } from "./schema.js";

/**
 * Converts dates and booleans between JavaScript and each dialect the way Better Auth stores
 * them: SQLite keeps ISO-8601 text and 0/1, PostgreSQL native types, MySQL dates and 0/1.
 */
export interface Codec {
  date(value: Date): DbDate;
  bool(value: boolean): DbBool;
}

export function codecFor(type: DialectName): Codec {
  return {
    date: type === "sqlite" ? (value) => value.toISOString() : (value) => value,
    bool: type === "postgres" ? (value) => value : (value) => (value ? 1 : 0),
  };
}

/** Reads a stored date from any dialect (a `Date`, ISO text, or epoch milliseconds). */
export function readDate(value: DbDate): Date {
  if (typeof value !== "string") return value instanceof Date ? value : new Date(value);
  // SQLite's dates are text, read again on every page load: parsing one costs about as much as a
  // map look-up and a `Date` from its time value together twice over. Only UTC text is kept, whose
  // meaning does not depend on the process's time zone.
  let time = times.get(value);
  if (time === undefined) {
    time = Date.parse(value);
    if (value.endsWith("Z")) {
      if (times.size >= TIMES_KEPT) times.clear();
      times.set(value, time);
    }
  }
  return new Date(time);
}

const times = new Map<string, number>();
const TIMES_KEPT = 4096;

/** Reads a stored boolean from any dialect. */
export function readBool(value: DbBool): boolean {
  return value === true || value === 1 || (value as unknown) === "1";
}
