/**
 * Whether a driver error is a unique-constraint violation: PostgreSQL's SQLSTATE 23505, MySQL's
 * and MariaDB's ER_DUP_ENTRY (1062), SQLite's SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  return (
    code === "23505" ||
    code === "ER_DUP_ENTRY" ||
    errno === 1062 ||
    code === "SQLITE_CONSTRAINT_UNIQUE" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY"
  );
}

/** Socket and driver codes that mean the database could not be reached, or the link to it broke. */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "ECONNABORTED", "EAI_AGAIN",
  // MySQL / MariaDB (mysql2)
  "PROTOCOL_CONNECTION_LOST", "PROTOCOL_SEQUENCE_TIMEOUT", "ER_CON_COUNT_ERROR", "ER_SERVER_SHUTDOWN", "POOL_CLOSED",
  // PostgreSQL SQLSTATE: admin shutdown, crash shutdown, cannot connect now, connection exceptions, too many connections
  "57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006", "53300",
  // SQLite: the file is locked past busy_timeout, or cannot be read or opened
  "SQLITE_BUSY", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_FULL",
]);

/** Messages of drivers that raise connection failures without a code (pg and pg-pool). */
const UNAVAILABLE_MESSAGE = /connection terminated|timeout exceeded when trying to connect|connection timeout|client has encountered a connection error|cannot use a pool after calling end|query read timeout/i;

/**
 * Whether an error means the database is unreachable or the connection to it failed (an outage,
 * a failover, a restart), as opposed to a bug or a refused statement. Such errors are answered
 * 503 `SERVICE_UNAVAILABLE`, so clients can tell an outage from a fault.
 */
export function isUnavailableError(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 3) return false;
  const { code, message, fatal, errors, cause } = error as {
    code?: unknown;
    message?: unknown;
    fatal?: unknown;
    errors?: unknown;
    cause?: unknown;
  };
  if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("SQLITE_IOERR"))) return true;
  if (fatal === true) return true; // mysql2 marks errors that broke the connection
  if (typeof message === "string" && UNAVAILABLE_MESSAGE.test(message)) return true;
  if (Array.isArray(errors) && errors.some((e) => isUnavailableError(e, depth + 1))) return true; // AggregateError of a dual-stack connect
  return isUnavailableError(cause, depth + 1);
}

/** Codes of a server that answered but refused the connection's credentials or database name. */
const REFUSED_CODES = new Map<string, string>([
  ["28P01", "the database refused the user name or password"],
  ["28000", "the database refused the user name or password"],
  ["3D000", "the database named in the URL does not exist"],
  ["ER_ACCESS_DENIED_ERROR", "the database refused the user name or password"],
  ["ER_DBACCESS_DENIED_ERROR", "the user may not use the database named in the URL"],
  ["ER_BAD_DB_ERROR", "the database named in the URL does not exist"],
]);

/**
 * Why the database refused to let Kernia in, when it answered but refused the credentials or the
 * database name (PostgreSQL, MySQL and MariaDB codes); `null` for anything else.
 */
export function connectionRefusal(error: unknown, depth = 0): string | null {
  if (typeof error !== "object" || error === null || depth > 3) return null;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === "string" && REFUSED_CODES.has(code)) return REFUSED_CODES.get(code) ?? null;
  return connectionRefusal(cause, depth + 1);
}
