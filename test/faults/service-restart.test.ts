import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import mysql from "mysql2/promise";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { multiSession } from "../../src/plugins/index.js";
import { createBrowser, type TestBrowser } from "../support/browser.js";
import { createTestAuth, signUpBody, type TestAuth } from "../support/core.js";
import { DIALECTS, REQUIRE_SERVICES, type DialectUnderTest } from "../support/dialects.js";

/**
 * Issue 10: the database server itself is stopped mid-run (PostgreSQL through pg_ctlcluster, a
 * MariaDB shutdown), then started again. While it is down every endpoint answers 503
 * SERVICE_UNAVAILABLE and sets no cookie; once it is back the same Kernia serves the same browser,
 * with both accounts, without a restart. The server is started again in `finally`, whatever fails.
 * Run alone (`npm run test:faults`): other suites would lose their database meanwhile.
 */
type Entry = { user: { email: string } };

const ADMIN = {
  postgres: process.env.KERNIA_TEST_POSTGRES ?? "postgres://postgres@127.0.0.1:5432/test",
  mysql: process.env.KERNIA_TEST_MYSQL ?? "mysql://root@127.0.0.1:3306/test",
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function answers(d: DialectUnderTest): Promise<boolean> {
  try {
    if (d.name === "postgres") {
      const client = new pg.Client({ connectionString: ADMIN.postgres, connectionTimeoutMillis: 1000 });
      await client.connect();
      await client.end();
    } else {
      const connection = await mysql.createConnection({ uri: ADMIN.mysql, connectTimeout: 1000 });
      await connection.end();
    }
    return true;
  } catch {
    return false;
  }
}

async function waitFor(d: DialectUnderTest, up: boolean): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if ((await answers(d)) === up) return;
    await sleep(250);
  }
  throw new Error(`${d.name} did not ${up ? "come back" : "stop"} within 30 s`);
}

/** The machine's commands for stopping and starting each server (see the node-svc machine notes). */
const control = {
  postgres: {
    usable: () => existsSync("/etc/postgresql") && existsSync("/usr/bin/pg_ctlcluster"),
    stop: () => execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", readdirSync("/etc/postgresql")[0]!, "main", "stop", "-m", "fast"]),
    start: () => execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", readdirSync("/etc/postgresql")[0]!, "main", "start"]),
  },
  mysql: {
    usable: () => existsSync("/usr/sbin/mariadbd") && existsSync("/usr/bin/mariadb-admin"),
    stop: () => execFileSync("mariadb-admin", ["-uroot", "shutdown"]),
    start: () => execFileSync("start-stop-daemon", ["--start", "--oknodo", "--background", "--exec", "/usr/sbin/mariadbd"]),
  },
};

for (const d of DIALECTS.filter((x) => x.name !== "sqlite")) {
  const service = control[d.name as "postgres" | "mysql"];
  const usable = service.usable() && process.getuid?.() === 0;
  if (!usable && REQUIRE_SERVICES) throw new Error(`stopping ${d.name} needs root and its control commands (KERNIA_REQUIRE_SERVICES=1)`);
  if (!usable) console.warn(`[kernia tests] cannot stop and start ${d.name} here; its restart suite is skipped`);

  describe.skipIf(!d.available || !usable)(`${d.name} stopped and started again mid-run`, () => {
    let t: TestAuth;
    let browser: TestBrowser;
    const emails: string[] = [];
    beforeAll(async () => {
      t = await createTestAuth(d, { plugins: [multiSession()], logger: { warn: () => {}, error: () => {} } });
      browser = createBrowser(t.auth.handler);
      for (let i = 0; i < 2; i++) {
        const body = signUpBody();
        emails.push(body.email as string);
        expect((await browser.post("/sign-up/email", body)).status).toBe(200);
      }
    });
    afterAll(async () => t?.close());

    test("every endpoint answers 503 with no cookie while it is down, and the same server serves both accounts once it is back", async () => {
      const jar = new Map(browser.jar);
      try {
        service.stop();
        await waitFor(d, false);
        for (const attempt of [
          () => browser.get("/get-session"),
          () => browser.get("/multi-session/list-device-sessions"),
          () => browser.post("/sign-in/email", { email: emails[0], password: "whatever-password" }),
          () => browser.post("/sign-up/email", signUpBody()),
          () => browser.post("/sign-out"),
        ]) {
          const res = await attempt();
          expect(res.status).toBe(503);
          expect((res.body as { code: string }).code).toBe("SERVICE_UNAVAILABLE");
          expect(res.setCookies).toEqual([]);
        }
        expect(browser.jar).toEqual(jar);
      } finally {
        service.start();
        await waitFor(d, true);
      }
      let back: { status: number; body: Entry[] } | undefined;
      for (let i = 0; i < 40 && back?.status !== 200; i++) {
        back = await browser.get<Entry[]>("/multi-session/list-device-sessions");
        if (back.status !== 200) await sleep(250);
      }
      expect(back?.status).toBe(200);
      expect(back?.body.map((e) => e.user.email).sort()).toEqual([...emails].sort());
    });
  });
}
