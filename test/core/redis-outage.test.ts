import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { kernia, redisStorage, type Auth } from "../../src/index.js";
import { multiSession } from "../../src/plugins/index.js";
import { createBrowser, type TestBrowser } from "../support/browser.js";
import { PASSWORD, SECRET, signUpBody } from "../support/core.js";
import { DIALECTS, type TestDatabase } from "../support/dialects.js";
import { namespaced, REDIS_URL, redisAvailable } from "../support/redis.js";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.js";

/**
 * Issue 10: Redis is cut off (a TCP proxy in front of it is closed) while sessions are cached in
 * it and rate limits counted there, with two Kernia processes sharing it. Chosen behaviour: fall
 * back to the database for sessions (the source of truth: nothing revoked is served, nobody is
 * signed out) and to per-process memory for rate limits. A revocation made during the outage must
 * still be honoured by every process once Redis is back, although the other process had the
 * session cached before the cut and Redis kept that copy.
 */
type Current = { session: { id: string; token: string }; user: { email: string } } | null;

for (const d of DIALECTS) {
  describe.skipIf(!redisAvailable || !d.available)(`Redis cut off mid-run, two processes on ${d.name}`, () => {
    const namespace = `t${randomBytes(4).toString("hex")}`;
    let proxy: TcpProxy;
    let database: TestDatabase;
    const storages: Array<ReturnType<typeof redisStorage>> = [];
    const nodes: Auth[] = [];
    const warnings: string[] = [];

    beforeAll(async () => {
      const target = new URL(REDIS_URL);
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
      database = await d.create();
      for (let i = 0; i < 2; i++) {
        const storage = redisStorage(`redis://127.0.0.1:${proxy.port}`);
        storages.push(storage);
        nodes.push(
          kernia({
            secret: SECRET,
            baseURL: "http://localhost:3000",
            database: database.url,
            secondaryStorage: namespaced(storage, namespace),
            rateLimit: { enabled: true, customRules: { "/sign-in/email": { window: 60, max: 3 } } },
            plugins: [multiSession()],
            logger: { warn: (...args: unknown[]) => warnings.push(String(args[0])), error: () => {} },
          }),
        );
      }
      await nodes[0]!.migrate();
    });
    afterAll(async () => {
      proxy?.restore();
      for (const node of nodes) await node.close();
      for (const storage of storages) await storage.close().catch(() => {});
      await database?.drop();
      await proxy?.close();
    });

    const copyJar = (from: TestBrowser, to: TestBrowser) => {
      to.jar.clear();
      for (const [k, v] of from.jar) to.jar.set(k, v);
    };

    test("sessions fall back to the database, rate limits to memory, and a revocation made during the outage is honoured by both processes after it", async () => {
      const [one, two] = nodes as [Auth, Auth];
      const onOne = createBrowser(one.handler);
      const a = signUpBody();
      expect((await onOne.post("/sign-up/email", a)).status).toBe(200);
      expect((await onOne.post("/sign-up/email", signUpBody())).status).toBe(200);
      const onTwo = createBrowser(two.handler);
      copyJar(onOne, onTwo);
      const b = (await onTwo.get<Current>("/get-session")).body!; // process two caches B's session
      const staleCookie = onTwo.cookieHeader();

      proxy.cut();
      const statuses: number[] = [];
      try {
        const during = await onOne.get<Current>("/get-session");
        statuses.push(during.status);
        expect(during.body?.session.token).toBe(b.session.token); // nobody signed out
        const revoked = await onOne.post<{ active: Current }>("/multi-session/revoke", { sessionId: b.session.id });
        statuses.push(revoked.status);
        expect(revoked.body.active?.user.email).toBe(a.email);
        const onTwoDuring = await onTwo.get<Current>("/get-session");
        statuses.push(onTwoDuring.status);
        expect(onTwoDuring.body).toBeNull(); // the database answers: B is gone
        // Password guessing during the outage is still limited, per process.
        const guesses: number[] = [];
        for (let i = 0; i < 4; i++) {
          const guesser = createBrowser((request) => one.handler(request, { ip: "198.51.100.7" }));
          guesses.push((await guesser.post("/sign-in/email", { email: a.email, password: `${PASSWORD}-wrong` })).status);
        }
        expect(guesses).toEqual([401, 401, 401, 429]);
      } finally {
        proxy.restore();
      }
      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(warnings.some((w) => w.includes("secondary storage unavailable"))).toBe(true);

      // Once Redis answers again, process one writes the revocation marker it owes.
      const direct = new Redis(REDIS_URL, { lazyConnect: true });
      await direct.connect();
      try {
        const marker = `${namespace}:kernia:revoked:${b.session.token}`;
        let marked = false;
        for (let i = 0; i < 100 && !marked; i++) {
          marked = (await direct.exists(marker)) === 1;
          if (!marked) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(marked).toBe(true);
      } finally {
        direct.disconnect();
      }
      // Process two still holds B's copy from before the cut in Redis; it must not serve it.
      const replay = await two.handler(new Request("http://localhost:3000/api/auth/get-session", { headers: { cookie: staleCookie } }));
      expect(await replay.json()).toBeNull();
      const activeOnOne = await onOne.get<Current>("/get-session");
      expect(activeOnOne.body?.user.email).toBe(a.email);
    });
  });
}
