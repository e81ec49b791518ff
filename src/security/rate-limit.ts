import { KerniaError } from "../errors.js";
import type { RateLimitRule, SecondaryStorage } from "../options.js";

/** Counts requests per key in fixed windows; answers how long to wait when over the limit. */
export interface RateLimitStore {
  /** Records one request; returns the seconds to wait when it exceeds `rule`, else 0. */
  hit(key: string, rule: RateLimitRule, nowMs: number): Promise<number>;
}

/** A store in this process's memory; expired windows are swept as they are met. */
export function memoryRateLimitStore(): RateLimitStore {
  const windows = new Map<string, { start: number; count: number }>();
  let sweepAt = 0;
  return {
    async hit(key, rule, nowMs) {
      const windowMs = rule.window * 1000;
      if (nowMs >= sweepAt) {
        for (const [k, w] of windows) if (nowMs - w.start >= windowMs * 6) windows.delete(k);
        sweepAt = nowMs + 60_000;
      }
      let entry = windows.get(key);
      if (!entry || nowMs - entry.start >= windowMs) {
        entry = { start: nowMs, count: 0 };
        windows.set(key, entry);
      }
      entry.count++;
      return entry.count > rule.max ? Math.ceil((entry.start + windowMs - nowMs) / 1000) : 0;
    },
  };
}

/** A store in the secondary storage (Redis), shared by every process. */
export function secondaryRateLimitStore(storage: SecondaryStorage): RateLimitStore {
  return {
    async hit(key, rule, nowMs) {
      const slot = Math.floor(nowMs / (rule.window * 1000));
      const name = `kernia:rl:${key}:${slot}`;
      let count: number;
      if (storage.increment) count = await storage.increment(name, rule.window);
      else {
        count = Number((await storage.get(name)) ?? 0) + 1;
        await storage.set(name, String(count), rule.window);
      }
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
