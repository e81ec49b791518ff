import type { Cluster, Redis } from "ioredis";
import { expectTypeOf, test } from "vitest";
import type { RedisClient } from "../../src/storage/redis.js";

// Kernia's public types describe the Redis client structurally, so they compile without ioredis
// (issue #9). `npm run typecheck` checks this file: if ioredis changes a signature Kernia relies
// on, a user's own client would no longer be accepted, and this fails.
test("an ioredis Redis or Cluster client can be passed to redisStorage", () => {
  expectTypeOf<Redis>().toExtend<RedisClient>();
  expectTypeOf<Cluster>().toExtend<RedisClient>();
});
