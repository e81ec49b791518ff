import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { MysqlDialect, PostgresDialect, SqliteDialect, type Dialect } from "kysely";
import type BetterSqlite3 from "better-sqlite3";
import type * as Pg from "pg";
import type * as Mysql2 from "mysql2";
import { KerniaConfigError } from "../errors.js";
import type { PostgresPool, SqliteConnection } from "./direct-reads.js";

export type DialectName = "sqlite" | "postgres" | "mysql";

export interface ResolvedDialect {
  dialect: Dialect;
  type: DialectName;
  /** SQLite from a URL: the connection once Kysely has opened it, for reads that skip its executor (`sqlite-reader.ts`). */
  sqliteConnection?: () => SqliteConnection | undefined;
  /** PostgreSQL from a URL: the pool, for reads that skip Kysely's executor (`postgres-reader.ts`). */
  postgresPool?: PostgresPool;
}

// Drivers are optional peer dependencies: load only the one the URL names.
const require = createRequire(import.meta.url);

function load<T>(name: string): T {
  try {
    return require(name) as T;
  } catch (cause) {
    throw new KerniaConfigError("database", `needs the "${name}" package: npm install ${name}`, { cause });
  }
}

/**
 * Makes a Kysely dialect from a URL: `sqlite:<path>` (or `sqlite::memory:`), `postgres://…`
 * (`postgresql://`), `mysql://…` (`mariadb://`).
 *
 * @example
 * dialectFromUrl("sqlite:.kernia/kernia.db");
 * dialectFromUrl("postgres://postgres@127.0.0.1:5432/app");
 *
 * `onPoolError` hears about pooled connections lost, idle or in use (default: a console warning).
 */
export function dialectFromUrl(url: string, options: { onPoolError?: (error: Error) => void } = {}): ResolvedDialect {
  const scheme = /^([a-z0-9+]+):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === "sqlite" || scheme === "file") {
    let path = url.slice(scheme.length + 1);
    if (path.startsWith("//")) path = path.slice(2);
    if (!path) throw new KerniaConfigError("database", `has no file path: ${JSON.stringify(url)}`);
    const Sqlite = load<typeof BetterSqlite3>("better-sqlite3");
    if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
    let opened: BetterSqlite3.Database | undefined;
    return {
      type: "sqlite",
      dialect: new SqliteDialect({
        database: () => {
          const db = cachePreparedStatements(new Sqlite(path));
          db.pragma("journal_mode = WAL");
          db.pragma("foreign_keys = ON");
          db.pragma("busy_timeout = 5000");
          opened = db;
          return Promise.resolve(db);
        },
      }),
      sqliteConnection: () => opened,
    };
  }
  if (scheme === "postgres" || scheme === "postgresql") {
    assertUrl(url);
    const pg = load<typeof Pg>("pg");
    // Bounded waits: a database that does not answer (a network cut, a failover) fails a request
    // with 503 within seconds instead of holding it, and its connection, forever.
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000, query_timeout: 10_000, keepAlive: true });
    const onError = options.onPoolError ?? ((error: Error) => console.warn("kernia: database connection lost:", error.message));
    // An idle client whose connection drops (server restart, failover, an admin's kill) surfaces
    // as a pool "error" event; with no listener Node treats it as uncaught and the process exits.
    // The pool has already discarded that client, so the next query just opens a new connection.
    pool.on("error", onError);
    // A client checked out of the pool has no pool listener: pg emits the loss of its connection
    // as an "error" event on the client itself, which would equally end the process (issue 10).
    // Its queries fail on their own (answered 503), and the pool drops it when it is released.
    pool.on("connect", (client) => {
      client.on("error", onError);
    });
    return { type: "postgres", dialect: new PostgresDialect({ pool }), postgresPool: pool };
  }
  if (scheme === "mysql" || scheme === "mariadb") {
    const parsed = assertUrl(url.replace(/^mariadb:/i, "mysql:"));
    const mysql = load<typeof Mysql2>("mysql2");
    const pool = mysql.createPool({ uri: parsed.toString(), timezone: "Z", connectionLimit: 10, dateStrings: false });
    // TIMESTAMP columns convert through the session time zone: pin it to UTC.
    pool.on("connection", (connection) => {
      connection.query("SET time_zone = '+00:00'");
    });
    return { type: "mysql", dialect: new MysqlDialect({ pool }) };
  }
  throw new KerniaConfigError(
    "database",
    `has an unknown scheme ${JSON.stringify(scheme ?? url)}: use sqlite:, postgres:// or mysql://`,
  );
}

/**
 * Kysely asks better-sqlite3 to prepare every statement it runs; preparing is a tenth of a
 * session check. Keep the prepared statements by SQL text (a bounded set: the queries are fixed,
 * and `IN` lists vary only in length). Reuse is safe because SQLite runs them one at a time.
 */
function cachePreparedStatements(db: BetterSqlite3.Database): BetterSqlite3.Database {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, BetterSqlite3.Statement>();
  db.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = prepare(source);
      if (cache.size >= 512) cache.clear();
      cache.set(source, statement);
    }
    return statement;
  }) as typeof db.prepare;
  return db;
}

function assertUrl(url: string): URL {
  try {
    return new URL(url);
  } catch (cause) {
    throw new KerniaConfigError("database", "is not a valid URL", { cause });
  }
}

/** Tells which SQL dialect a Kysely dialect object speaks. */
export function dialectName(dialect: Dialect): DialectName {
  if (dialect instanceof SqliteDialect) return "sqlite";
  if (dialect instanceof PostgresDialect) return "postgres";
  if (dialect instanceof MysqlDialect) return "mysql";
  const adapter = dialect.createAdapter().constructor.name.toLowerCase();
  if (adapter.includes("sqlite")) return "sqlite";
  if (adapter.includes("postgres")) return "postgres";
  if (adapter.includes("mysql")) return "mysql";
  throw new KerniaConfigError("database", "is a dialect Kernia does not know: pass { dialect, type }");
}
