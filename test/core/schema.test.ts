import { getAuthTables } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { kernia } from "../../src/index.js";
import { betterAuthDatabase } from "../support/better-auth-database.js";
import { createBrowser } from "../support/browser.js";
import { BASE_URL, countRows, createTestAuth, SECRET, signUpBody, type TestAuth } from "../support/core.js";
import { DIALECTS, type DialectUnderTest } from "../support/dialects.js";

/**
 * The schema is Better Auth's, name for name, on every dialect: checked against Better Auth's
 * own table list and against its migration planner, which must find nothing to do.
 */

/** Better Auth 1.7's core tables and their columns, from Better Auth itself. */
function betterAuthColumns(): Record<string, string[]> {
  const tables = getAuthTables({});
  return Object.fromEntries(
    Object.values(tables).map((table) => [
      table.modelName,
      ["id", ...Object.entries(table.fields).map(([key, field]) => field.fieldName ?? key)].sort(),
    ]),
  );
}

/** What Better Auth's `getMigrations` would do to the database at `url`, and what it warned about. */
async function betterAuthPlan(d: DialectUnderTest, url: string) {
  const warnings: string[] = [];
  const { database, close } = betterAuthDatabase(d, url);
  try {
    const config = {
      database,
      secret: SECRET,
      baseURL: BASE_URL,
      emailAndPassword: { enabled: true },
      logger: { log: (level: string, message: string) => void (level === "warn" || level === "error" ? warnings.push(message) : 0) },
    };
    const plan = await getMigrations(config as Parameters<typeof getMigrations>[0], { throwOnUnsafe: false });
    return {
      create: plan.toBeCreated.map((t) => t.table).sort(),
      add: plan.toBeAdded.map((t) => `${t.table}: ${Object.keys(t.fields).join(",")}`),
      indexes: plan.toBeAddedIndexes.map((i) => i.name),
      problems: [...plan.unsafeChanges, ...plan.schemaProblems],
      warnings,
    };
  } finally {
    await close();
  }
}

for (const d of DIALECTS) {
  describe.skipIf(!d.available)(`schema and migrations on ${d.name}`, () => {
    let t: TestAuth;
    beforeAll(async () => {
      t = await createTestAuth(d);
    });
    afterAll(async () => t?.close());

    test("migrate() applies the core schema once; a second run, and a second process, apply nothing", async () => {
      const database = await d.create();
      try {
        const auth = kernia({ database: database.url, secret: SECRET, baseURL: BASE_URL });
        expect(await auth.migrate()).toEqual(["0001_core_schema"]);
        expect(await auth.migrate()).toEqual([]);
        await auth.close();
        const again = kernia({ database: database.url, secret: SECRET, baseURL: BASE_URL });
        expect(await again.migrate()).toEqual([]);
        await again.close();
      } finally {
        await database.drop();
      }
    });

    test("re-running migrate() keeps the data", async () => {
      await createBrowser(t.auth.handler).post("/sign-up/email", signUpBody());
      const before = await countRows(t.auth);
      expect(before.user).toBeGreaterThan(0);
      expect(await t.auth.migrate()).toEqual([]);
      expect(await countRows(t.auth)).toEqual(before);
    });

    test("the tables and columns are exactly Better Auth's, plus Kernia's migration bookkeeping", async () => {
      const tables = await t.auth.$context.db.introspection.getTables();
      const actual = Object.fromEntries(tables.map((table) => [table.name, table.columns.map((c) => c.name).sort()]));
      const expected = betterAuthColumns();
      expect(Object.keys(expected).sort()).toEqual(["account", "session", "user", "verification"]);
      expect(Object.keys(actual).sort()).toEqual([...Object.keys(expected), "kernia_migration", "kernia_migration_lock"].sort());
      for (const [table, columns] of Object.entries(expected)) expect(actual[table], table).toEqual(columns);
    });

    test("Better Auth's own migration planner finds nothing to create, add or index, and no type to warn about", async () => {
      expect(await betterAuthPlan(d, t.database.url)).toEqual({ create: [], add: [], indexes: [], problems: [], warnings: [] });
    });

    test("(control) on an empty database Better Auth's planner would create all four tables", async () => {
      const empty = await d.create();
      try {
        const plan = await betterAuthPlan(d, empty.url);
        expect(plan.create).toEqual(["account", "session", "user", "verification"]);
      } finally {
        await empty.drop();
      }
    });

    test("three processes migrating one fresh database at once all succeed, and the schema is applied once", async () => {
      const fresh = await d.create();
      const instances = [0, 1, 2].map(() => kernia({ database: fresh.url, secret: "m".repeat(32) }));
      try {
        const applied = await Promise.all(instances.map((auth) => auth.migrate()));
        expect(applied.flat()).toEqual(["0001_core_schema"]);
        const rows = await instances[0]!.$context.db.selectFrom("kernia_migration" as never).selectAll().execute();
        expect(rows).toHaveLength(1);
      } finally {
        for (const auth of instances) await auth.close();
        await fresh.drop();
      }
    });

    test("user.email and session.token are unique; deleting a user cascades to its sessions and accounts", async () => {
      const db = t.auth.$context.db;
      const browser = createBrowser(t.auth.handler);
      const up = await browser.post<{ token: string; user: { id: string; email: string } }>("/sign-up/email", signUpBody());
      const user = await db.selectFrom("user").selectAll().where("id", "=", up.body.user.id).executeTakeFirstOrThrow();
      await expect(db.insertInto("user").values({ ...user, id: "A".repeat(32) }).execute()).rejects.toThrow();
      const session = await db.selectFrom("session").selectAll().where("token", "=", up.body.token).executeTakeFirstOrThrow();
      await expect(db.insertInto("session").values({ ...session, id: "B".repeat(32) }).execute()).rejects.toThrow();

      await db.deleteFrom("user").where("id", "=", up.body.user.id).execute();
      expect(await db.selectFrom("session").select("id").where("userId", "=", up.body.user.id).execute()).toEqual([]);
      expect(await db.selectFrom("account").select("id").where("userId", "=", up.body.user.id).execute()).toEqual([]);
      expect((await browser.get("/get-session")).body).toBeNull();
    });
  });
}
