import { createRequire } from "node:module";
import type { Redis as RedisClient } from "ioredis";
import type * as IORedis from "ioredis";
import { KerniaConfigError } from "../errors.js";
import type { SecondaryStorage } from "../options.js";

const require = createRequire(import.meta.url);

/**
 * Secondary storage on Redis (the optional `ioredis` package), shared by every Kernia process:
 * sessions are cached there and rate limits counted there, so any process can serve any request
 * and a revocation on one is seen by all at once.
 *
 * @example
 * import { kernia, redisStorage } from "kernia";
 * const auth = kernia({ database: process.env.DATABASE_URL!, secondaryStorage: redisStorage(process.env.REDIS_URL!) });
 */
export function redisStorage(connection: string | RedisClient): SecondaryStorage & { close(): Promise<void> } {
  let client: RedisClient;
  if (typeof connection === "string") {
    let Redis: typeof IORedis.Redis;
    try {
      Redis = (require("ioredis") as typeof IORedis).Redis;
    } catch (cause) {
      throw new KerniaConfigError("secondaryStorage", 'needs the "ioredis" package: npm install ioredis', { cause });
    }
    client = new Redis(connection, { maxRetriesPerRequest: 2, lazyConnect: false });
  } else client = connection;

  return {
    get: (key) => client.get(key),
    async set(key, value, ttlSeconds) {
      if (ttlSeconds !== undefined && ttlSeconds > 0) await client.set(key, value, "EX", Math.ceil(ttlSeconds));
      else await client.set(key, value);
    },
    async delete(key) {
      await client.del(key);
    },
    async increment(key, ttlSeconds) {
      // INCR and a first-time EXPIRE in one round trip; NX keeps the window fixed from its start.
      const results = await client.multi().incr(key).expire(key, ttlSeconds, "NX").exec();
      const count = results?.[0]?.[1];
      if (typeof count !== "number") throw new Error("redis: INCR failed");
      return count;
    },
    async close() {
      await client.quit();
    },
  };
}
