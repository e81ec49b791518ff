import { performance } from "node:perf_hooks";
import type BetterSqlite3 from "better-sqlite3";
import type { CompiledQuery, LogEvent } from "kysely";

/**
 * Reads on SQLite without Kysely's executor, for the session lookups of every page load.
 *
 * Kysely runs each statement behind a connection mutex and several promise hops; better-sqlite3
 * itself answers at once. A read may skip the mutex whenever no transaction is open on the one
 * connection: JavaScript runs one statement at a time, so the read sees exactly the committed
 * state a statement queued behind the mutex would see. While another request's transaction is
 * open (between its `begin` and `commit`), its writes are visible on that connection, so the read
 * goes through Kysely and waits its turn, as every read did before.
 */
export interface SyncReader {
  /** The rows of `query` now, or `undefined` when it must wait for Kysely (see above). Throws what SQLite throws. */
  rows<Row>(query: CompiledQuery<Row>): Row[] | undefined;
}

/**
 * `opened()` is the connection once Kysely has opened it; `log` is `database.log`, told of each
 * read as Kysely would tell it.
 */
export function sqliteReader(opened: () => BetterSqlite3.Database | undefined, log?: (event: LogEvent) => void): SyncReader {
  return {
    rows<Row>(query: CompiledQuery<Row>): Row[] | undefined {
      const db = opened();
      if (db === undefined || !db.open || db.inTransaction) return undefined;
      if (!log) return db.prepare(query.sql).all(query.parameters) as Row[];
      const start = performance.now();
      let rows: Row[];
      try {
        rows = db.prepare(query.sql).all(query.parameters) as Row[];
      } catch (error) {
        log({ level: "error", error, query, queryDurationMillis: performance.now() - start });
        throw error;
      }
      log({ level: "query", isStream: false, query, queryDurationMillis: performance.now() - start });
      return rows;
    },
  };
}
