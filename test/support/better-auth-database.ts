import Database from "better-sqlite3";
import { MysqlDialect } from "kysely";
import { createPool } from "mysql2";
import pg from "pg";
import type { DialectUnderTest } from "./dialects.js";

/**
 * The `database` option Better Auth is given for the database at `url`, with the driver its docs
 * use for that dialect, and how to close it.
 */
export function betterAuthDatabase(d: DialectUnderTest, url: string) {
  if (d.name === "sqlite") {
    const sqlite = new Database(url.slice("sqlite:".length));
    return { database: sqlite, close: async () => void sqlite.close() };
  }
  if (d.name === "postgres") {
    const pool = new pg.Pool({ connectionString: url });
    return { database: pool, close: () => pool.end() };
  }
  const pool = createPool({ uri: url, timezone: "Z" });
  return {
    database: { dialect: new MysqlDialect({ pool }), type: "mysql" as const },
    close: () => new Promise<void>((resolve) => pool.end(() => resolve())),
  };
}
