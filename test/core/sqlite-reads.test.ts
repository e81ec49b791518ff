import type { LogEvent } from "kysely";
import { afterEach, describe, expect, test } from "vitest";
import { createTestAuth, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";

// Session lookups on SQLite skip Kysely's executor when no transaction is open on the one
// connection (src/db/sqlite-reader.ts). These tests hold that condition to its word.
const sqlite = DIALECTS.find((d) => d.name === "sqlite")!;
const ORIGIN = "http://localhost:3000";

let current: TestAuth | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

async function signedUp(log?: (event: LogEvent) => void) {
  current = await createTestAuth(sqlite, log ? { database: (url) => ({ url, log }) } : {});
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
    const { auth, token } = await signedUp();
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
    const { auth, token } = await signedUp();
    const { db, sessions } = auth.$context;
    expect((await sessions.findByToken(token))?.session.token).toBe(token);
    await db.deleteFrom("session").where("token", "=", token).execute();
    expect(await sessions.findByToken(token)).toBeNull();
    expect(await sessions.findByTokens([token])).toEqual([]);
  });

  test("database.log hears each read once, with its SQL and parameters, as Kysely tells it", async () => {
    const events: LogEvent[] = [];
    const { auth, token } = await signedUp((event) => events.push(event));
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
    const { auth, token } = await signedUp();
    await auth.close();
    await expect(auth.$context.sessions.findByToken(token)).rejects.toThrow();
  });
});
