import { randomBytes } from "node:crypto";
import type { LogEvent } from "kysely";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { kernia, redisStorage, type Auth } from "../../src/index.js";
import { multiSession } from "../../src/plugins/index.js";
import { createBrowser } from "../support/browser.js";
import { DIALECTS, type TestDatabase } from "../support/dialects.js";
import { namespaced, REDIS_URL, redisAvailable } from "../support/redis.js";

const postgres = DIALECTS.find((d) => d.name === "postgres");

/** Two stateless processes (two `kernia()` instances) sharing PostgreSQL and Redis. */
describe.skipIf(!redisAvailable || !postgres?.available)("Redis secondary storage across processes", () => {
  let database: TestDatabase;
  const storages: Array<ReturnType<typeof redisStorage>> = [];
  const nodes: Array<{ auth: Auth; queries: string[] }> = [];
  const namespace = `t${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    database = await postgres!.create();
    for (let i = 0; i < 2; i++) {
      const storage = redisStorage(REDIS_URL);
      storages.push(storage);
      const queries: string[] = [];
      const auth = kernia({
        database: { url: database.url, log: (e: LogEvent) => e.level === "query" && queries.push(e.query.sql) },
        secret: "r".repeat(32),
        baseURL: "http://localhost:3000",
        // Keys of this run only, so parallel runs never share counters.
        secondaryStorage: namespaced(storage, namespace),
        rateLimit: { enabled: true, customRules: { "/sign-in/email": { window: 60, max: 3 } } },
        plugins: [multiSession()],
      });
      nodes.push({ auth, queries });
    }
    await nodes[0]!.auth.migrate();
  });
  afterAll(async () => {
    for (const node of nodes) await node.auth.close();
    for (const storage of storages) await storage.close();
    await database?.drop();
  });

  test("a session made on one process is served by the other from Redis, with no SQL", async () => {
    const [a, b] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const onA = createBrowser(a.auth.handler);
    const up = await onA.post<{ token: string }>("/sign-up/email", { name: "R", email: "r@example.com", password: "password-123" });
    expect(up.status).toBe(200);
    const onB = createBrowser(b.auth.handler);
    for (const [k, v] of onA.jar) onB.jar.set(k, v);
    await onB.get("/get-session"); // first read may fill the cache
    b.queries.length = 0;
    const again = await onB.get<{ user: { email: string } }>("/get-session");
    expect(again.body.user.email).toBe("r@example.com");
    expect(b.queries).toEqual([]);
  });

  test("a revocation on one process is seen by the other at once", async () => {
    const [a, b] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const onA = createBrowser(a.auth.handler);
    const up = await onA.post<{ token: string }>("/sign-up/email", { name: "S", email: "s@example.com", password: "password-123" });
    const onB = createBrowser(b.auth.handler);
    for (const [k, v] of onA.jar) onB.jar.set(k, v);
    expect((await onB.get("/get-session")).body).not.toBeNull();
    const revoked = await onA.post("/revoke-session", { token: up.body.token });
    expect(revoked.status).toBe(200);
    expect((await onB.get("/get-session")).body).toBeNull();
  });

  test("rate limits are counted across processes: a brute force spread over two processes is still stopped", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const node = nodes[i % 2]!;
      const res = await node.auth.handler(
        new Request("http://localhost:3000/api/auth/sign-in/email", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "nobody@example.com", password: "wrong-password" }),
        }),
        { ip: "198.51.100.7" },
      );
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get("x-retry-after"))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
