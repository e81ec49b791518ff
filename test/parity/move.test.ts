import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { kernia, type Auth } from "../../src/index.js";
import { multiSession } from "../../src/plugins/index.js";
import { DIALECTS, type TestDatabase } from "../support/dialects.js";
import {
  createHttpBrowser,
  migrateWithBetterAuth,
  startBetterAuth,
  startKernia,
  type HttpBrowser,
  type RunningServer,
  type ServerConfig,
} from "../support/parity-servers.js";

/**
 * An app that ran on Better Auth 1.7 moves to Kernia, and back. Better Auth builds the database
 * itself (its migrations, its sign-ups, its `_multi-` cookies), then stops; Kernia starts on the
 * same database with the same secret, and every user, password and browser must still work.
 * Browsers keep their cookie jars across the swap, as a real browser on the app's domain would.
 */
const SECRET = "move-secret-0123456789-abcdefghijklmnopq";
const PASSWORD = "correct horse battery staple";
const CLI = resolve("dist/src/cli/index.js");
const run = promisify(execFile);
const USERS = ["ada", "bob", "cy", "dee", "eve"].map((name) => ({ name, email: `${name}@example.com`, password: PASSWORD }));
const [ADA, BOB, CY, DEE] = USERS as [(typeof USERS)[0], (typeof USERS)[0], (typeof USERS)[0], (typeof USERS)[0]];
/** Signs up on Kernia after the move, so the way back carries a user Better Auth never saw. */
const FAY = { name: "fay", email: "fay@example.com", password: PASSWORD };

type Entry = { session: { id: string; token: string }; user: { email: string } };
type Tables = "user" | "account" | "session";

/** Every row of the tables a move could damage, as plain JSON, for "nothing changed" checks. */
async function snapshot(db: Kysely<never>) {
  const rows: Record<string, unknown[]> = {};
  for (const table of ["user", "account", "session", "verification"]) {
    const found = await (db as unknown as Kysely<Record<string, { id: string }>>).selectFrom(table).selectAll().orderBy("id").execute();
    rows[table] = found.map((row) => JSON.parse(JSON.stringify(row)) as unknown);
  }
  return rows;
}

async function count(db: Kysely<never>, table: Tables): Promise<number> {
  const row = await (db as unknown as Kysely<Record<Tables, { id: string }>>)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function tableNames(db: Kysely<never>): Promise<string[]> {
  return (await db.introspection.getTables()).map((t) => t.name).sort();
}

/** A browser that keeps `from`'s cookies but now talks to `server`: the app's backend was swapped. */
function sameBrowser(from: HttpBrowser, server: RunningServer): HttpBrowser {
  const next = createHttpBrowser(server.origin);
  for (const [name, value] of from.jar) next.jar.set(name, value);
  return next;
}

const credentials = (user: (typeof USERS)[0]) => ({ email: user.email, password: user.password });
const emails = (entries: Entry[]) => entries.map((e) => e.user.email).sort();

for (const dialect of DIALECTS.filter((d) => d.name !== "mysql")) {
  describe.skipIf(!dialect.available)(`a Better Auth 1.7 app moves to Kernia and back on ${dialect.name}`, () => {
    let database: TestDatabase;
    let config: ServerConfig;
    let auth: Auth;
    let db: Kysely<never>;
    let before: Awaited<ReturnType<typeof snapshot>>;
    let tablesBefore: string[];
    let cli: { stdout: string; stderr: string };
    let kerniaServer: (RunningServer & { auth: Auth }) | undefined;
    /** The browser holding three accounts, and the one holding Dee's, as Better Auth left them. */
    let three: HttpBrowser;
    let one: HttpBrowser;

    beforeAll(async () => {
      database = await dialect.create();
      config = { dialect, url: database.url, secret: SECRET };
      await migrateWithBetterAuth(config);
      const betterAuth = await startBetterAuth(config);
      try {
        three = createHttpBrowser(betterAuth.origin);
        for (const user of [ADA, BOB, CY]) expect((await three.post("/sign-up/email", user)).status).toBe(200);
        one = createHttpBrowser(betterAuth.origin);
        expect((await one.post("/sign-up/email", DEE)).status).toBe(200);
        expect((await createHttpBrowser(betterAuth.origin).post("/sign-up/email", USERS[4])).status).toBe(200);
        expect([...three.jar.keys()].filter((name) => name.includes("_multi-"))).toHaveLength(3);
      } finally {
        await betterAuth.close();
      }

      // Kernia as an app would configure it; opening it touches nothing until something is asked.
      auth = kernia({ database: database.url, secret: SECRET, plugins: [multiSession()] });
      db = auth.$context.db as unknown as Kysely<never>;
      before = await snapshot(db);
      tablesBefore = await tableNames(db);
      cli = await run(process.execPath, [CLI, "migrate"], { env: { ...process.env, DATABASE_URL: database.url } });
    }, 60_000);

    afterAll(async () => {
      await kerniaServer?.close();
      await auth?.close();
      await database?.drop();
    });

    test("kernia migrate says what it applied, adds only its own bookkeeping tables and changes no row", async () => {
      expect(cli.stdout.trim()).toBe("Applied: 0001_core_schema");
      expect(cli.stderr).toBe("");
      // The core migration creates tables only where they are missing, so on Better Auth's schema it
      // records itself and nothing else; auth.migrate() then finds nothing to do.
      expect(await auth.migrate()).toEqual([]);
      expect(await tableNames(db)).toEqual([...tablesBefore, "kernia_migration", "kernia_migration_lock"].sort());
      expect(await snapshot(db)).toEqual(before);
      expect(before.user).toHaveLength(5);
      expect(before.account).toHaveLength(5);
      expect(before.session).toHaveLength(5);
    });

    test("the browser with three Better Auth accounts keeps all three on Kernia: read, switch, revoke", async () => {
      kerniaServer = await startKernia(config);
      const browser = sameBrowser(three, kerniaServer);

      const active = await browser.get<Entry>("/get-session");
      expect(active.status).toBe(200);
      expect(active.body.user.email).toBe(CY.email);

      const listed = await browser.get<Entry[]>("/multi-session/list-device-sessions");
      expect(listed.status).toBe(200);
      expect(emails(listed.body)).toEqual([ADA.email, BOB.email, CY.email]);
      // The old per-session cookies are folded into the list and expired in the same answer.
      expect(browser.jar.has("better-auth.session_list")).toBe(true);
      expect([...browser.jar.keys()].filter((name) => name.includes("_multi-"))).toEqual([]);

      const of = (email: string) => listed.body.find((e) => e.user.email === email)!.session;
      const switched = await browser.post<Entry>("/multi-session/set-active", { sessionToken: of(ADA.email).token });
      expect(switched.status).toBe(200);
      expect(switched.body.user.email).toBe(ADA.email);
      expect((await browser.get<Entry>("/get-session")).body.user.email).toBe(ADA.email);

      const revoked = await browser.post<{ status: boolean; active: Entry | null }>("/multi-session/revoke", { sessionToken: of(BOB.email).token });
      expect(revoked.status).toBe(200);
      expect(revoked.body.status).toBe(true);
      expect(revoked.body.active?.user.email).toBe(ADA.email);
      const after = await browser.get<Entry[]>("/multi-session/list-device-sessions");
      expect(emails(after.body)).toEqual([ADA.email, CY.email]);
      three = browser;
    });

    test("the browser with one Better Auth account is still signed in on Kernia", async () => {
      const browser = sameBrowser(one, kerniaServer!);
      const res = await browser.get<Entry>("/get-session");
      expect(res.status).toBe(200);
      expect(res.body.user.email).toBe(DEE.email);
      one = browser;
    });

    test("every user signs in on Kernia with the password set on Better Auth, and only with it", async () => {
      const results = await Promise.all(USERS.map((user) => createHttpBrowser(kerniaServer!.origin).post<Entry>("/sign-in/email", credentials(user))));
      expect(results.map((r) => [r.status, r.body.user.email])).toEqual(USERS.map((u) => [200, u.email]));
      const wrong = await createHttpBrowser(kerniaServer!.origin).post<{ code: string }>("/sign-in/email", { email: ADA.email, password: "wrong password" });
      expect([wrong.status, wrong.body.code]).toEqual([401, "INVALID_EMAIL_OR_PASSWORD"]);
      expect((await createHttpBrowser(kerniaServer!.origin).post("/sign-up/email", FAY)).status).toBe(200);
    });

    test("no user, account or session was lost: the counts move only by what the tests did", async () => {
      // Fay's sign-up adds one user, one account and one session.
      expect(await count(db, "user")).toBe(before.user!.length + 1);
      expect(await count(db, "account")).toBe(before.account!.length + 1);
      // Better Auth's 5 sessions, minus Bob's revoked in the first browser, plus 5 sign-ins and Fay's sign-up.
      expect(await count(db, "session")).toBe(before.session!.length - 1 + USERS.length + 1);
      const now = await snapshot(db);
      const ids = (rows: unknown[]) => rows.map((r) => (r as { id: string }).id);
      expect(ids(now.user!)).toEqual(expect.arrayContaining(ids(before.user!)));
      // Every Better Auth account row, password hash included, is as Better Auth wrote it.
      expect(now.account).toEqual(expect.arrayContaining(before.account!));
    });

    test("and back: Better Auth on the same database still serves every user; the switcher list is what is lost", async () => {
      await kerniaServer!.close();
      kerniaServer = undefined;
      const usersBefore = await count(db, "user");
      const betterAuth = await startBetterAuth(config);
      try {
        // The active account of each browser survives: the session cookie's format is Better Auth's.
        const first = sameBrowser(three, betterAuth);
        expect((await first.get<Entry>("/get-session")).body.user.email).toBe(ADA.email);
        expect((await sameBrowser(one, betterAuth).get<Entry>("/get-session")).body.user.email).toBe(DEE.email);
        // Better Auth does not read Kernia's list cookie, and Kernia expired the `_multi-` cookies:
        // the other accounts are out of the switcher until the user signs in to them again.
        expect((await first.get<Entry[]>("/multi-session/list-device-sessions")).body).toEqual([]);
        const again = await first.post<Entry>("/sign-in/email", credentials(CY));
        expect(again.status).toBe(200);
        expect(emails((await first.get<Entry[]>("/multi-session/list-device-sessions")).body)).toEqual([CY.email]);

        for (const user of [...USERS, FAY]) {
          const res = await createHttpBrowser(betterAuth.origin).post<Entry>("/sign-in/email", credentials(user));
          expect([res.status, res.body.user.email]).toEqual([200, user.email]);
        }
        expect(await count(db, "user")).toBe(usersBefore);
        expect(await count(db, "account")).toBe(before.account!.length + 1);
      } finally {
        await betterAuth.close();
      }
    });
  });
}
