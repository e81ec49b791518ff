import type { SecondaryStorage } from "../options.js";
import type { SessionWithUser } from "./models.js";
import type { SessionQueries } from "./sessions.js";
import { settle } from "../wire-json.js";

/** Options of the in-process session cache (`kernia({ sessionCache })`). */
export interface SessionCacheOptions {
  /** Sessions kept, least recently used dropped first. Default 10,000. */
  maxEntries?: number;
  /** Seconds a cached session is served without reading it again. Default 30. */
  ttl?: number;
}

/** Where revocations and extensions are announced to the other processes. */
export const SESSIONS_CHANNEL = "kernia:sessions";
// A message is a kind and the tokens: `revoked:t1,t2` (gone: drop and never cache again within
// the ttl) or `changed:t1` (its expiry moved: drop, and read it again when next asked).
const REVOKED = "revoked:";
const CHANGED = "changed:";

interface Entry {
  value: SessionWithUser;
  until: number;
}

/**
 * Session queries with a bounded LRU of sessions in this process in front: a cached get-session
 * or list-device-sessions runs no SQL and no Redis round trip. Only reads by token are cached;
 * the session is still the database's.
 *
 * Staying right:
 * - `forget` (every revocation, sign-out or expiry, once its delete committed) drops the tokens,
 *   keeps a tombstone for `ttl` so a read that started before the delete cannot put the session
 *   back, and announces the tokens on {@link SESSIONS_CHANNEL} when the secondary storage can
 *   publish (`redisStorage` can), so every other process drops them as soon as Redis delivers.
 * - `extend` moves the cached expiry here and announces the token as changed, so other processes
 *   read the new expiry again.
 * - While the subscription is down (Redis unreachable, or before it is set up), announcements may
 *   be missed, so the cache is bypassed, and emptied once the subscription is back.
 * - Without a storage that broadcasts, the cache is exact in one process; with several processes
 *   a revocation made elsewhere is seen within `ttl` seconds (documented).
 */
export function memorySessionCache(
  queries: SessionQueries,
  options: SessionCacheOptions & { storage?: SecondaryStorage; logger: Pick<Console, "warn">; clock?: () => number },
): SessionQueries & { close(): Promise<void> } {
  const maxEntries = options.maxEntries ?? 10_000;
  const ttlMs = (options.ttl ?? 30) * 1000;
  const clock = options.clock ?? Date.now;
  const { storage, logger } = options;
  const entries = new Map<string, Entry>();
  const tombstones = new Map<string, number>();
  const broadcasts = Boolean(storage?.publish && storage.subscribe);
  let live = !broadcasts; // with a broadcast channel, trusted only while subscribed
  /** Bumped whenever the cache is emptied, so reads begun before cannot refill it. */
  let generation = 0;
  let unsubscribe: (() => Promise<void>) | undefined;

  if (storage && !broadcasts) {
    logger.warn(
      `kernia: sessionCache: the secondaryStorage cannot publish, so a session revoked by another process stays cached here for up to ${ttlMs / 1000} s`,
    );
  }

  const drop = (tokens: Iterable<string>) => {
    const now = clock();
    for (const token of tokens) {
      entries.delete(token);
      tombstones.set(token, now + ttlMs);
    }
    if (tombstones.size > maxEntries) {
      for (const [token, until] of tombstones) if (until <= now || tombstones.size > maxEntries) tombstones.delete(token);
    }
  };

  if (broadcasts && storage?.subscribe) {
    storage
      .subscribe(SESSIONS_CHANNEL, {
        message: (text) => {
          if (text.startsWith(REVOKED)) drop(text.slice(REVOKED.length).split(","));
          else if (text.startsWith(CHANGED)) for (const token of text.slice(CHANGED.length).split(",")) entries.delete(token);
        },
        live: (up) => {
          if (up && !live) {
            // Announcements may have been missed while the subscription was down.
            entries.clear();
            generation++;
          }
          live = up;
        },
      })
      .then((stop) => (unsubscribe = stop))
      .catch((error: unknown) => logger.warn("kernia: sessionCache: could not subscribe to revocations, the cache stays off:", (error as Error)?.message ?? error));
  }

  const read = (token: string): SessionWithUser | undefined => {
    if (!live) return undefined;
    const entry = entries.get(token);
    if (!entry) return undefined;
    entries.delete(token);
    if (entry.until <= clock()) return undefined;
    entries.set(token, entry); // most recently used last
    return entry.value;
  };
  const keep = (value: SessionWithUser, readSince: number) => {
    const token = value.session.token;
    const tomb = tombstones.get(token);
    if (tomb !== undefined) {
      if (tomb > clock()) return; // revoked since (or while) it was read
      tombstones.delete(token);
    }
    if (!live || readSince !== generation) return;
    entries.delete(token);
    entries.set(token, { value: settle(value), until: clock() + ttlMs });
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  };
  const announce = async (kind: typeof REVOKED | typeof CHANGED, tokens: readonly string[]) => {
    if (!broadcasts || tokens.length === 0) return;
    try {
      await storage?.publish?.(SESSIONS_CHANNEL, `${kind}${tokens.join(",")}`);
    } catch (error) {
      // The other processes lost their subscription too (same Redis), so they bypass their caches.
      logger.warn("kernia: sessionCache: could not announce a session change:", (error as Error)?.message ?? error);
    }
  };

  return {
    ...queries,
    async findByToken(token) {
      const hit = read(token);
      if (hit) return hit;
      const since = generation;
      const found = await queries.findByToken(token);
      if (found) keep(found, since);
      return found;
    },
    async findByTokens(tokens) {
      const hits: SessionWithUser[] = [];
      const missing: string[] = [];
      for (const token of tokens) {
        const hit = read(token);
        if (hit) hits.push(hit);
        else missing.push(token);
      }
      if (missing.length === 0) return hits;
      const since = generation;
      const found = await queries.findByTokens(missing);
      for (const entry of found) keep(entry, since);
      return [...hits, ...found];
    },
    async extend(token, expiresAt, at) {
      const extended = await queries.extend(token, expiresAt, at);
      const entry = entries.get(token);
      if (extended && entry) entry.value = settle({ ...entry.value, session: { ...entry.value.session, expiresAt, updatedAt: at } });
      else entries.delete(token);
      await announce(CHANGED, [token]);
      return extended;
    },
    async forget(tokens) {
      drop(tokens);
      await queries.forget(tokens);
      await announce(REVOKED, tokens);
    },
    async close() {
      entries.clear();
      generation++;
      await unsubscribe?.();
    },
  };
}
