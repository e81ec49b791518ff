import mysql from "mysql2/promise";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createBrowser, type TestBrowser } from "../support/browser.js";
import { createTestAuth, signUpBody, type TestAuth } from "../support/core.js";
import { DIALECTS, type DialectUnderTest } from "../support/dialects.js";

/**
 * The database server drops Kernia's pooled connections (a restart, a failover, an admin's kill).
 * The process must survive it and keep serving from fresh connections.
 */
const ADMIN = {
  postgres: process.env.KERNIA_TEST_POSTGRES ?? "postgres://postgres@127.0.0.1:5432/test",
  mysql: process.env.KERNIA_TEST_MYSQL ?? "mysql://root@127.0.0.1:3306/test",
};

/** Ends, from the server side, every connection to the database named in `url`. */
async function killConnections(d: DialectUnderTest, url: string): Promise<number> {
  const name = new URL(url).pathname.slice(1);
  if (d.name === "postgres") {
    const admin = new pg.Client({ connectionString: ADMIN.postgres });
    await admin.connect();
    const { rowCount } = await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1", [name]);
    await admin.end();
    return rowCount ?? 0;
  }
  const admin = await mysql.createConnection({ uri: ADMIN.mysql });
  const [rows] = await admin.query("select id from information_schema.processlist where db = ?", [name]);
  for (const { id } of rows as Array<{ id: number }>) await admin.query(`KILL ${Number(id)}`);
  await admin.end();
  return (rows as unknown[]).length;
}

for (const d of DIALECTS.filter((x) => x.name !== "sqlite")) {
  describe.skipIf(!d.available)(`connections lost on ${d.name}`, () => {
    let t: TestAuth;
    let browser: TestBrowser;
    const warnings: unknown[][] = [];
    let warned: () => void = () => undefined;
    const firstWarning = new Promise<void>((resolve) => (warned = resolve));
    beforeAll(async () => {
      t = await createTestAuth(d, {
        logger: {
          warn: (...args: unknown[]) => {
            warnings.push(args);
            warned();
          },
          error: () => undefined,
        },
      });
      browser = createBrowser(t.auth.handler);
      await browser.post("/sign-up/email", signUpBody());
    });
    afterAll(async () => t?.close());

    test("idle pooled connections killed by the server do not crash the process, and get-session keeps working", async () => {
      expect(await killConnections(d, t.database.url)).toBeGreaterThan(0);
      // PostgreSQL reports the loss of an idle client as a pool "error" event: it goes to the logger.
      if (d.name === "postgres") {
        await firstWarning;
        expect(String(warnings[0]?.[0])).toMatch(/database connection lost/);
      }
      // A request may meet a connection the pool has not yet seen die (503, never a session for
      // someone else); within a few requests the pool has replaced it.
      const statuses: number[] = [];
      let served = false;
      for (let i = 0; i < 10 && !served; i++) {
        const res = await browser.get<{ user: { email: string } } | null>("/get-session");
        statuses.push(res.status);
        served = res.status === 200 && res.body !== null;
      }
      expect(served).toBe(true);
      expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    });
  });
}
