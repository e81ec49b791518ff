import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { redisStorage, type Auth } from "../../src/index.js";
import { BASE_URL, createTestAuth, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";
import { namespaced, REDIS_URL, redisAvailable } from "../support/redis.js";

/**
 * Issue 10, races: N + 1 sign-ins sent at once against a limit of N get exactly one 429, whether
 * one process counts them in memory or three processes count them together in Redis.
 */
const LIMIT = 5;

async function burst(handlers: Array<(request: Request) => Promise<Response>>, count: number): Promise<number[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const request = new Request(`${BASE_URL}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "nobody@example.com", password: "guess-guess-guess" }),
      });
      return (await handlers[i % handlers.length]!(request)).status;
    }),
  );
}

const rule = { rateLimit: { enabled: true, customRules: { "/sign-in/email": { window: 60, max: LIMIT } } } };
const fromOneClient = (auth: Auth) => (request: Request) => auth.handler(request, { ip: "198.51.100.40" });

describe("concurrent sign-ins against a rate limit", () => {
  test(`${LIMIT + 1} at once on one process: exactly one 429`, async () => {
    const t = await createTestAuth(DIALECTS[0]!, { ...rule, logger: { warn: () => {}, error: () => {} } });
    try {
      const statuses = await burst([fromOneClient(t.auth)], LIMIT + 1);
      expect(statuses.filter((s) => s === 429)).toHaveLength(1);
      expect(statuses.filter((s) => s === 401)).toHaveLength(LIMIT);
    } finally {
      await t.close();
    }
  });

  describe.skipIf(!redisAvailable)("three processes sharing Redis", () => {
    const servers: TestAuth[] = [];
    const redis = redisAvailable ? redisStorage(REDIS_URL) : undefined;
    beforeAll(async () => {
      const namespace = `t${randomBytes(4).toString("hex")}`;
      const shared = namespaced(redis!, namespace);
      for (let i = 0; i < 3; i++) servers.push(await createTestAuth(DIALECTS[0]!, { ...rule, secondaryStorage: shared }));
    });
    afterAll(async () => {
      for (const server of servers) await server.close();
      await redis?.close();
    });

    test(`${LIMIT + 1} at once spread over three processes: exactly one 429`, async () => {
      const statuses = await burst(servers.map((s) => fromOneClient(s.auth)), LIMIT + 1);
      expect(statuses.filter((s) => s === 429)).toHaveLength(1);
      expect(statuses.filter((s) => s === 401)).toHaveLength(LIMIT);
    });
  });
});
