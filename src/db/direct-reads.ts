import { performance } from "node:perf_hooks";
import type { CompiledQuery, LogEvent } from "kysely";

/**
 * Runs the session lookups of every page load on the driver itself, without Kysely's executor
 * (`sqlite-reader.ts`, `postgres-reader.ts`). Writes and every other query still go through Kysely.
 */
export interface DirectReader {
  /** The rows of `query`, or `undefined` when this read must go through Kysely after all. */
  rows<Row>(query: CompiledQuery<Row>): Row[] | Promise<Row[]> | undefined;
}

/**
 * What the direct readers use of better-sqlite3's connection. Written out here rather than taken
 * from the driver's types, so that Kernia's published declarations never name a driver package
 * the app has not installed.
 */
export interface SqliteConnection {
  readonly open: boolean;
  readonly inTransaction: boolean;
  prepare(source: string): SqliteStatement;
}

export interface SqliteStatement {
  raw(toggle?: boolean): unknown;
  all(...parameters: unknown[]): unknown[];
  columns(): Array<{ name: string }>;
}

/** What the direct reader uses of a `pg` pool (see {@link SqliteConnection}). */
export interface PostgresPool {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** `database.log`, told of a direct read as Kysely tells it of the queries it runs. */
export type QueryLog = (event: LogEvent) => void;

/** Runs `read` and tells `log` of it, as Kysely's driver wrapper does. */
export function logged<T>(log: QueryLog | undefined, query: CompiledQuery, read: () => T): T {
  if (!log) return read();
  const start = performance.now();
  const fail = (error: unknown) => {
    log({ level: "error", error, query, queryDurationMillis: performance.now() - start });
    return error;
  };
  let result: T;
  try {
    result = read();
  } catch (error) {
    throw fail(error);
  }
  if (!(result instanceof Promise)) {
    log({ level: "query", isStream: false, query, queryDurationMillis: performance.now() - start });
    return result;
  }
  return result.then(
    (value: unknown) => {
      log({ level: "query", isStream: false, query, queryDurationMillis: performance.now() - start });
      return value;
    },
    (error: unknown) => {
      throw fail(error);
    },
  ) as T;
}
