import { sql, type LogEvent } from "kysely";
import { afterEach, describe, expect, test } from "vitest";
import { createTestAuth, type TestAuth } from "../support/core.js";
import { DIALECTS, type DialectUnderTest } from "../support/dialects.js";

// Session lookups skip Kysely's executor on databases Kernia opened from a URL: on SQLite when no
// transaction is open on the one connection (src/db/sqlite-reader.ts), on PostgreSQL as named
// prepared statements straight from the pool (src/db/postgres-reader.ts). The PostgreSQL tests run
// one request at a time, so the pool keeps one connection and `pg_prepared_statements` (which
// lists the current session's) sees them.
const sqlite = DIALECTS.find((d) => d.name === "sqlite")!;
const postgres = DIALECTS.find((d) => d.name === "postgres")!;
const ORIGIN = "http://localhost:3000";

let current: TestAuth | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

/** A migrated Kernia on a fresh database of `dialect`, and the token of a session signed up on it. */
async function signedUp(dialect: DialectUnderTest, log?: (event: LogEvent) => void) {
  current = await createTestAuth(dialect, log ? { database: (url) => ({ url, log }) } : {});
  const { auth } = current;
  const response = await auth.handler(
    new Request(`${ORIGIN}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/json" },
      body: JSON.stringify({ name: "Ada", email: "ada@example.com", password: "correct horse battery" }),
    }),
    { ip: "127.0.0.1" },
  );
  expect(response.status).toBe(200);
  const { token } = (await response.json()) as { token: string };
  return { auth, token };
}

describe("session reads on SQLite", () => {
  test("a session check during another request's open transaction does not see its uncommitted delete (it waits, and the rollback leaves the session)", async () => {
    const { auth, token } = await signedUp(sqlite);
    const { db, sessions } = auth.$context;
    let read: Promise<unknown> | undefined;
    let settledInside = false;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.deleteFrom("session").where("token", "=", token).execute();
        read = sessions.findByToken(token);
        void read.then(() => (settledInside = true));
        // Let every queued microtask and I/O callback run while the transaction is still open.
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(settledInside).toBe(false);
    const found = (await read) as { session: { token: string } } | null;
    expect(found?.session.token).toBe(token);
    expect(await sessions.findByTokens([token])).toHaveLength(1);
  });

  test("a committed change is seen by the next read at once", async () => {
    const { auth, token } = await signedUp(sqlite);
    const { db, sessions } = auth.$context;
    expect((await sessions.findByToken(token))?.session.token).toBe(token);
    await db.deleteFrom("session").where("token", "=", token).execute();
    expect(await sessions.findByToken(token)).toBeNull();
    expect(await sessions.findByTokens([token])).toEqual([]);
  });

  test("database.log hears each read once, with its SQL and parameters, as Kysely tells it", async () => {
    const events: LogEvent[] = [];
    const { auth, token } = await signedUp(sqlite, (event) => events.push(event));
    events.length = 0;
    await auth.$context.sessions.findByToken(token);
    await auth.$context.sessions.findByTokens([token, "unknown"]);
    expect(events.map((e) => e.level)).toEqual(["query", "query"]);
    expect(events[0]!.query.sql).toMatch(/from "session" inner join "user"/);
    expect(events[0]!.query.parameters).toEqual([token]);
    expect(events[1]!.query.parameters).toEqual([token, "unknown"]);
    expect(events.every((e) => typeof e.queryDurationMillis === "number")).toBe(true);
  });

  test("after auth.close() a read fails instead of answering from a closed connection", async () => {
    const { auth, token } = await signedUp(sqlite);
    await auth.close();
    await expect(auth.$context.sessions.findByToken(token)).rejects.toThrow();
  });
});

async function preparedNames(auth: TestAuth["auth"]): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements order by name`.execute(auth.$context.db);
  return rows.map((r) => r.name);
}

describe.skipIf(!postgres.available)("session reads on PostgreSQL", () => {
  test("a session lookup is a named prepared statement, parsed once per connection", async () => {
    const { auth, token } = await signedUp(postgres);
    const { sessions } = auth.$context;
    expect((await sessions.findByToken(token))?.session.token).toBe(token);
    expect((await sessions.findByToken(token))?.session.token).toBe(token);
    expect(await sessions.findByTokens([token])).toHaveLength(1);
    expect(await preparedNames(auth)).toEqual(["kernia_read_1", "kernia_read_2"]);
  });

  test("a pooler that drops prepared statements (DEALLOCATE ALL behind the driver's back) fails no read: it is sent again unnamed, and so are the later ones", async () => {
    const { auth, token } = await signedUp(postgres);
    const { sessions, db } = auth.$context;
    expect((await sessions.findByToken(token))?.session.token).toBe(token);
    await sql`deallocate all`.execute(db);
    // The driver still believes "kernia_read_1" is prepared on this connection.
    expect((await sessions.findByToken(token))?.session.token).toBe(token);
    expect((await sessions.findByToken(token))?.session.token).toBe(token);
    expect(await preparedNames(auth)).toEqual([]);
  });

  test("database.log hears each read once, with its SQL and parameters", async () => {
    const events: LogEvent[] = [];
    const { auth, token } = await signedUp(postgres, (event) => events.push(event));
    events.length = 0;
    await auth.$context.sessions.findByToken(token);
    await auth.$context.sessions.findByTokens([token, "unknown"]);
    expect(events.map((e) => e.level)).toEqual(["query", "query"]);
    expect(events[0]!.query.parameters).toEqual([token]);
    expect(events[1]!.query.parameters).toEqual([token, "unknown"]);
  });

  test("a failing read is logged as an error and rejects with the driver's error", async () => {
    const events: LogEvent[] = [];
    const { auth, token } = await signedUp(postgres, (event) => events.push(event));
    await sql`alter table "session" rename to "session_gone"`.execute(auth.$context.db);
    events.length = 0;
    await expect(auth.$context.sessions.findByToken(token)).rejects.toMatchObject({ code: "42P01" });
    expect(events.map((e) => e.level)).toEqual(["error"]);
    await sql`alter table "session_gone" rename to "session"`.execute(auth.$context.db);
  });
});
