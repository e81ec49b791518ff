import type { CompiledQuery } from "kysely";
import { logged, type DirectReader, type PostgresPool, type QueryLog } from "./direct-reads.js";

/**
 * Reads on PostgreSQL straight from the pool, as named prepared statements, for the session
 * lookups of every page load. Through Kysely each lookup is sent unnamed, so the server parses and
 * plans the join again every time; named, each connection parses it once. A pooled read sees the
 * same committed state either way (each read takes its own connection).
 *
 * A pooler that does not keep prepared statements (PgBouncer in transaction mode without
 * `max_prepared_statements`) answers "prepared statement … does not exist" or "… already exists":
 * the read is then sent again unnamed, and so is every later one.
 */
export function postgresReader(pool: PostgresPool, log?: QueryLog): DirectReader {
  const names = new Map<string, string>();
  let prepare = true;

  function nameOf(sql: string): string | undefined {
    if (!prepare) return undefined;
    let name = names.get(sql);
    if (name === undefined && names.size < NAMES_KEPT) names.set(sql, (name = `kernia_read_${names.size + 1}`));
    return name;
  }

  async function run(query: CompiledQuery): Promise<unknown[]> {
    const name = nameOf(query.sql);
    const values = query.parameters as unknown[];
    if (name === undefined) return (await pool.query({ text: query.sql, values })).rows as unknown[];
    try {
      return (await pool.query({ name, text: query.sql, values })).rows as unknown[];
    } catch (error) {
      if (!LOST_STATEMENT.has((error as { code?: string }).code ?? "")) throw error;
      prepare = false;
      return (await pool.query({ text: query.sql, values })).rows as unknown[];
    }
  }

  return {
    rows<Row>(query: CompiledQuery<Row>): Promise<Row[]> {
      return logged(log, query, () => run(query) as Promise<Row[]>);
    },
  };
}

/** The lookups are a few fixed joins (and `IN` lists by length): past this many, send them unnamed. */
const NAMES_KEPT = 64;

/** invalid_sql_statement_name, duplicate_prepared_statement: a pooler in between lost or mixed them. */
const LOST_STATEMENT = new Set(["26000", "42P05"]);
