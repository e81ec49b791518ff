import { Redis } from "ioredis";
import type { SecondaryStorage } from "../../src/options.js";
import { REQUIRE_SERVICES } from "./dialects.js";

export const REDIS_URL = process.env.KERNIA_TEST_REDIS ?? "redis://127.0.0.1:6379";

/** Whether Redis answers; under KERNIA_REQUIRE_SERVICES=1 an unreachable Redis is an error. */
export const redisAvailable = await (async () => {
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => null });
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch (error) {
    if (REQUIRE_SERVICES) throw new Error("Redis is required (KERNIA_REQUIRE_SERVICES=1) but unreachable", { cause: error });
    console.warn(`[kernia tests] Redis unreachable, its suites are skipped: ${(error as Error).message}`);
    return false;
  } finally {
    client.disconnect();
  }
})();

/** `storage` with every key under `namespace`, so parallel runs never share keys or counters. */
export function namespaced(storage: SecondaryStorage, namespace: string): SecondaryStorage {
  return {
    get: (k) => storage.get(`${namespace}:${k}`),
    set: (k, v, t) => storage.set(`${namespace}:${k}`, v, t),
    delete: (k) => storage.delete(`${namespace}:${k}`),
    increment: (k, t) => storage.increment!(`${namespace}:${k}`, t),
  };
}
