import { databaseUrl } from "../src/cli/env.js";

/** What the demo reads from its environment (see the README's "Try it"). */
export interface DemoConfig {
  port: number;
  /** Where browsers reach the demo; state-changing requests must come from this origin. */
  baseURL: string;
  database: string;
  /** Optional Redis for sessions and rate limits shared between processes. */
  redisUrl: string | undefined;
  /** How many accounts one browser may keep signed in. */
  maximum: number;
}

function integer(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number; got ${JSON.stringify(raw)}`);
  return value;
}

/**
 * Reads `PORT` (3000), `KERNIA_BASE_URL` (`http://localhost:$PORT`), `DATABASE_URL` (a SQLite
 * file under `.kernia/`), `REDIS_URL` and `KERNIA_MULTI_SESSION_MAXIMUM` (5). A malformed value
 * throws naming the variable; the plugin itself checks the maximum's range.
 *
 * @example
 * const { port, baseURL } = readDemoConfig({ PORT: "4000" });
 * // port 4000, baseURL "http://localhost:4000"
 */
export function readDemoConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  const port = integer("PORT", env.PORT, 3000);
  return {
    port,
    baseURL: env.KERNIA_BASE_URL?.trim() || `http://localhost:${port}`,
    database: databaseUrl(env),
    redisUrl: env.REDIS_URL?.trim() || undefined,
    maximum: integer("KERNIA_MULTI_SESSION_MAXIMUM", env.KERNIA_MULTI_SESSION_MAXIMUM, 5),
  };
}
