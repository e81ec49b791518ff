import { describe, expect, test } from "vitest";
import { isUnavailableError, isUniqueViolation } from "./errors.js";

describe("driver error classification", () => {
  test("connection failures of each driver count as unavailable, nested causes and aggregates too", () => {
    for (const error of [
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      new Error("Connection terminated unexpectedly"),
      new Error("timeout exceeded when trying to connect"),
      Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
      Object.assign(new Error("Connection lost: The server closed the connection."), { code: "PROTOCOL_CONNECTION_LOST", fatal: true }),
      Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }),
      Object.assign(new Error("disk I/O error"), { code: "SQLITE_IOERR_WRITE" }),
      new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })], "connect failed"),
      new Error("wrapped", { cause: Object.assign(new Error("reset"), { code: "ECONNRESET" }) }),
    ]) {
      expect(isUnavailableError(error), String(error)).toBe(true);
    }
  });

  test("bugs and refused statements are not outages", () => {
    for (const error of [
      new TypeError("Cannot read properties of undefined"),
      Object.assign(new Error("duplicate key value"), { code: "23505" }),
      Object.assign(new Error("syntax error"), { code: "42601" }),
      Object.assign(new Error("Duplicate entry"), { code: "ER_DUP_ENTRY", errno: 1062, fatal: false }),
      "ECONNREFUSED",
      null,
    ]) {
      expect(isUnavailableError(error), String(error)).toBe(false);
    }
  });

  test("unique violations are recognised on PostgreSQL, MySQL and SQLite, and nothing else is", () => {
    expect(isUniqueViolation({ code: "23505" })).toBe(true);
    expect(isUniqueViolation({ code: "ER_DUP_ENTRY", errno: 1062 })).toBe(true);
    expect(isUniqueViolation({ code: "SQLITE_CONSTRAINT_UNIQUE" })).toBe(true);
    expect(isUniqueViolation({ code: "SQLITE_CONSTRAINT_FOREIGNKEY" })).toBe(false);
    expect(isUniqueViolation(new Error("unique"))).toBe(false);
  });
});
