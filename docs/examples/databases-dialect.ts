// Your own pool, handed to Kernia as a Kysely dialect: here a larger PostgreSQL pool.
import { PostgresDialect } from "kysely";
import pg from "pg";
import { kernia } from "kernia";

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: 30,
  connectionTimeoutMillis: 5_000,
  query_timeout: 10_000,
});
// Without a listener, an idle connection that drops ends the process.
pool.on("error", (error) => console.warn("database connection lost:", error.message));

export const auth = kernia({
  database: new PostgresDialect({ pool }),
  secret: process.env.KERNIA_SECRET,
});
