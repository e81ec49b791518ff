import { createRequire } from "node:module";
import { KerniaConfigError } from "../errors.js";
import type { SecondaryStorage, SubscriptionHandlers } from "../options.js";

const require = createRequire(import.meta.url);

/**
 * The few Redis client methods Kernia calls, as ioredis types them. An ioredis `Redis` (or
 * `Cluster`) satisfies it, so you can pass your own client. It is declared here rather than
 * imported from `ioredis` so that Kernia's public types compile for apps without ioredis installed
 * (issue #9).
 *
 * @example
 * import { Redis } from "ioredis";
 * const storage = redisStorage(new Redis(process.env.REDIS_URL!));
 */
export interface RedisClient {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<unknown>;
  set(key: string, value: string, secondsToken: "EX", seconds: number): Promise<unknown>;
  del(key: string): Promise<number>;
  multi(): RedisTransaction;
  quit(): Promise<unknown>;
  /** For `sessionCache`: announces revocations to the other processes. */
  publish?(channel: string, message: string): Promise<number>;
  /** For `sessionCache`: a second connection of the same settings, to listen on. */
  duplicate?(): RedisSubscriber;
}

/** A connection in subscriber mode, as ioredis types it. */
export interface RedisSubscriber {
  readonly status: string;
  subscribe(channel: string): Promise<unknown>;
  on(event: "message", listener: (channel: string, message: string) => void): unknown;
  on(event: "ready" | "close", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  disconnect(): void;
}

/** The part of a `MULTI` transaction {@link RedisClient} uses: queue commands, then `exec()`. */
export interface RedisTransaction {
  incr(key: string): RedisTransaction;
  expire(key: string, seconds: number, nx: "NX"): RedisTransaction;
  /** One `[error, result]` pair per queued command; `null` when the transaction was aborted. */
  exec(): Promise<Array<[error: Error | null, result: unknown]> | null>;
}

/** ioredis's constructor, as much of it as {@link redisStorage} calls. */
type RedisConstructor = new (
  url: string,
  options: {
    lazyConnect: boolean;
    enableOfflineQueue: boolean;
    maxRetriesPerRequest: number;
    commandTimeout: number;
    connectTimeout: number;
  },
) => RedisClient & RedisSubscriber;

/**
 * Secondary storage on Redis (the optional `ioredis` package), shared by every Kernia process:
 * sessions are cached there and rate limits counted there, so any process can serve any request
 * and a revocation on one is seen by all at once.
 *
 * @example
 * import { kernia, redisStorage } from "kernia";
 * const auth = kernia({ database: process.env.DATABASE_URL!, secondaryStorage: redisStorage(process.env.REDIS_URL!) });
 *
 * // or with a client you configured yourself:
 * import { Redis } from "ioredis";
 * const storage = redisStorage(new Redis(process.env.REDIS_URL!, { keyPrefix: "app:" }));
 */
export function redisStorage(connection: string | RedisClient): SecondaryStorage & { close(): Promise<void> } {
  let client: RedisClient;
  let listener: () => RedisSubscriber | undefined = () => client.duplicate?.();
  if (typeof connection === "string") {
    let Redis: RedisConstructor;
    try {
      Redis = (require("ioredis") as { Redis: RedisConstructor }).Redis;
    } catch (cause) {
      throw new KerniaConfigError("secondaryStorage", 'needs the "ioredis" package: npm install ioredis', { cause });
    }
    const own = new Redis(connection, {
      lazyConnect: false,
      // While Redis is unreachable a command fails at once instead of waiting in a queue, and one
      // that gets no answer fails after a second: Kernia then reads sessions from the database and
      // counts rate limits in memory, so requests stay fast during an outage (issue 10).
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 1000,
      connectTimeout: 2000,
    });
    // ioredis reconnects by itself; without a listener it reports every failed attempt as an
    // "Unhandled error event". Kernia's callers log the outage once, when a command fails.
    own.on("error", () => {});
    client = own;
    // Subscriber mode needs the offline queue: SUBSCRIBE is sent again on every reconnection.
    listener = () => new Redis(connection, { lazyConnect: false, enableOfflineQueue: true, maxRetriesPerRequest: 1, commandTimeout: 1000, connectTimeout: 2000 });
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
    async publish(channel, message) {
      if (!client.publish) throw new Error("redis: this client cannot PUBLISH");
      await client.publish(channel, message);
    },
    subscribe: (channel, handlers) => listen(listener(), channel, handlers),
    async close() {
      await client.quit();
    },
  };
}

/**
 * Listens on `channel` with `subscriber`, reporting it live once subscribed (again after every
 * reconnection) and down whenever the connection closes.
 */
async function listen(subscriber: RedisSubscriber | undefined, channel: string, handlers: SubscriptionHandlers): Promise<() => Promise<void>> {
  if (!subscriber) throw new Error("redis: this client cannot open a subscriber connection (no duplicate())");
  subscriber.on("error", () => {}); // reconnects by itself; the cache is bypassed meanwhile
  subscriber.on("message", (from, text) => {
    if (from === channel) handlers.message(text);
  });
  subscriber.on("close", () => handlers.live(false));
  const up = async () => {
    try {
      await subscriber.subscribe(channel);
      handlers.live(true);
    } catch {
      handlers.live(false);
    }
  };
  subscriber.on("ready", () => void up());
  if (subscriber.status === "ready") await up();
  return async () => subscriber.disconnect();
}
