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
  return value instanceof Date ? value : new Date(value);
}

/** Reads a stored boolean from any dialect. */
export function readBool(value: DbBool): boolean {
  return value === true || value === 1 || (value as unknown) === "1";
}
