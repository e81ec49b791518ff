import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateSecret } from "../crypto/random.js";

/** Where the demo and the CLI keep local state: the SQLite file and a development secret. */
export const STATE_DIR = ".kernia";

/** `DATABASE_URL`, or a SQLite file under `.kernia/`. */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL || `sqlite:${join(STATE_DIR, "kernia.db")}`;
}

/**
 * `KERNIA_SECRET`, or outside production a development secret generated once and kept in
 * `.kernia/secret` (with a warning). In production a missing secret is an error.
 */
export function resolveSecret(env: NodeJS.ProcessEnv = process.env, warn: (m: string) => void = console.warn): string {
  if (env.KERNIA_SECRET) return env.KERNIA_SECRET;
  if (env.NODE_ENV === "production") {
    throw new Error("KERNIA_SECRET is required when NODE_ENV=production (`npx kernia secret` prints one)");
  }
  const file = join(STATE_DIR, "secret");
  if (!existsSync(file)) {
    mkdirSync(STATE_DIR, { recursive: true });
    writeFileSync(file, `${generateSecret()}\n`, { mode: 0o600 });
  }
  warn(`kernia: KERNIA_SECRET is not set; using the development secret in ${file}. Set KERNIA_SECRET in production.`);
  return readFileSync(file, "utf8").trim();
}
