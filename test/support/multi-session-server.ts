import type { LogEvent } from "kysely";
import { kernia, type KerniaOptions } from "../../src/index.js";
import { multiSession, type MultiSessionOptions } from "../../src/plugins/index.js";
import type { DialectUnderTest, TestDatabase } from "./dialects.js";

export const SECRET = "test-secret-0123456789-abcdefghijklmnop";

/**
 * A Kernia server with the multi-session plugin on a fresh database of `dialect`, with a clock
 * the test can move and a record of the SQL statements it runs.
 */
export async function multiSessionServer(
  dialect: DialectUnderTest,
  plugin: MultiSessionOptions = {},
  options: Partial<KerniaOptions> = {},
) {
  const database: TestDatabase = await dialect.create();
  const clock = { now: Date.now() };
  const queries: string[] = [];
  const auth = kernia({
    secret: SECRET,
    baseURL: "http://localhost:3000",
    ...options,
    database: { url: database.url, log: (e: LogEvent) => e.level === "query" && queries.push(e.query.sql) },
    advanced: { now: () => new Date(clock.now), ...options.advanced },
    plugins: [multiSession(plugin)],
  });
  await auth.migrate();
  queries.length = 0;
  return {
    auth,
    clock,
    queries,
    /** Every session row as `token@expiresAt`, for "nothing changed" assertions. */
    async sessionRows() {
      const rows = await auth.$context.db.selectFrom("session").select(["token", "expiresAt"]).orderBy("token").execute();
      return rows.map((r) => `${r.token}@${new Date(r.expiresAt).toISOString()}`);
    },
    async sessionAlive(token: string) {
      return (await auth.$context.db.selectFrom("session").select("id").where("token", "=", token).executeTakeFirst()) !== undefined;
    },
    async close() {
      await auth.close();
      await database.drop();
    },
  };
}

export type MultiSessionServer = Awaited<ReturnType<typeof multiSessionServer>>;

const password = "correct-horse-battery";

/** Sign-up fields for a person called `name`. */
export function account(name: string) {
  return { name, email: `${name.toLowerCase()}@example.com`, password };
}
