import { KerniaError } from "../errors.js";
import type { RateLimitRule, SecondaryStorage } from "../options.js";

/** Counts requests per key in fixed windows; answers how long to wait when over the limit. */
export interface RateLimitStore {
  /** Records one request; returns the seconds to wait when it exceeds `rule`, else 0. */
  hit(key: string, rule: RateLimitRule, nowMs: number): Promise<number>;
}

export interface MemoryRateLimitStoreOptions {
  /** Entries kept at most; past it the entry whose window began first is dropped. Default 100,000. */
  maxEntries?: number;
}

/** The memory store, with its entry count for tests and metrics. */
export interface MemoryRateLimitStore extends RateLimitStore {
  readonly size: number;
}

/**
 * A store in this process's memory. Each entry carries its own expiry, so a sweep drops only
 * windows that are over whatever their rule (issue 14: a 10 s rule's sweep once dropped 900 s
 * windows, resetting sign-in budgets a minute in).
 *
 * The entry count is bounded, else a flood from many addresses would grow it without end. The Map
 * keeps insertion order and a key is re-inserted when its window restarts, so the first entry is
 * the one whose window began first: that is the one evicted. An entry still over its limit can
 * be evicted too, which resets that client's budget; forcing it takes `maxEntries` new keys
 * within the window, and a key is a client address (only a trusted proxy can name another) times
 * an endpoint path. A client that commands that many addresses (an IPv6 /64, a botnet) can already
 * take a fresh budget per address without evicting anything, so the bound gives it nothing new,
 * while scanning for a cheaper victim on every insert would let the same flood cost O(n) per request.
 *
 * @example
 * const store = memoryRateLimitStore({ maxEntries: 10_000 });
 * await store.hit("203.0.113.7|/sign-in/email", { window: 10, max: 3 }, Date.now()); // 0
 */
export function memoryRateLimitStore(options: MemoryRateLimitStoreOptions = {}): MemoryRateLimitStore {
  const maxEntries = options.maxEntries ?? 100_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError("memoryRateLimitStore: maxEntries must be an integer ≥ 1");
  const windows = new Map<string, { expiresAt: number; count: number }>();
  let sweepAt = 0;
  return {
    get size() {
      return windows.size;
    },
    async hit(key, rule, nowMs) {
      if (nowMs >= sweepAt) {
        for (const [k, w] of windows) if (nowMs >= w.expiresAt) windows.delete(k);
        sweepAt = nowMs + 60_000;
      }
      let entry = windows.get(key);
      if (entry && nowMs >= entry.expiresAt) {
        windows.delete(key); // re-inserted below, at the end of the order
        entry = undefined;
      }
      if (!entry) {
        if (windows.size >= maxEntries) windows.delete(windows.keys().next().value as string);
        entry = { expiresAt: nowMs + rule.window * 1000, count: 0 };
        windows.set(key, entry);
      }
      entry.count++;
      return entry.count > rule.max ? Math.ceil((entry.expiresAt - nowMs) / 1000) : 0;
    },
  };
}

/** A store in the secondary storage (Redis), shared by every process. */
export function secondaryRateLimitStore(
  storage: SecondaryStorage,
  options: { fallback?: RateLimitStore; logger?: Pick<Console, "warn"> } = {},
): RateLimitStore {
  // While the storage fails, each process counts in its own memory: neither unlimited guessing
  // (failing open) nor locking everyone out (failing closed) during a Redis outage (issue 10).
  const fallback = options.fallback ?? memoryRateLimitStore();
  const logger = options.logger ?? console;
  let failing = false;
  return {
    async hit(key, rule, nowMs) {
      const slot = Math.floor(nowMs / (rule.window * 1000));
      const name = `kernia:rl:${key}:${slot}`;
      let count: number;
      try {
        if (storage.increment) count = await storage.increment(name, rule.window);
        else {
          count = Number((await storage.get(name)) ?? 0) + 1;
          await storage.set(name, String(count), rule.window);
        }
      } catch (error) {
        if (!failing) logger.warn("kernia: secondary storage unavailable, counting rate limits in this process:", (error as Error)?.message ?? error);
        failing = true;
        return fallback.hit(key, rule, nowMs);
      }
      failing = false;
      return count > rule.max ? Math.max(1, Math.ceil(((slot + 1) * rule.window * 1000 - nowMs) / 1000)) : 0;
    },
  };
}

/** Throws 429 with the wait in seconds when `key` is over its rule. */
export async function enforceRateLimit(store: RateLimitStore, key: string, rule: RateLimitRule, nowMs: number) {
  const wait = await store.hit(key, rule, nowMs);
  if (wait > 0) {
    const error = new KerniaError(429, "TOO_MANY_REQUESTS");
    throw Object.assign(error, { retryAfter: wait });
  }
}
