import { describe, expect, test, vi } from "vitest";
import type { SecondaryStorage, SubscriptionHandlers } from "../options.js";
import { memorySessionCache, SESSIONS_CHANNEL } from "./memory-session-cache.js";
import type { SessionWithUser } from "./models.js";
import type { SessionQueries } from "./sessions.js";

// The cache's own rules, over a counting stand-in for the database queries; the end-to-end proof
// on PostgreSQL and Redis with two processes is test/scale/session-cache.test.ts.
const entry = (token: string, expiresAt = new Date(Date.UTC(2031, 0, 1))): SessionWithUser =>
  ({ session: { token, id: `id-${token}`, expiresAt }, user: { id: `u-${token}` } }) as unknown as SessionWithUser;

function database() {
  const rows = new Map<string, SessionWithUser>();
  let gate: Promise<void> | undefined;
  const queries = {
    findByToken: vi.fn(async (token: string) => {
      const row = rows.get(token) ?? null; // read now, answered once the gate opens
      await gate;
      return row;
    }),
    findByTokens: vi.fn(async (tokens: readonly string[]) => tokens.flatMap((t) => (rows.has(t) ? [rows.get(t)!] : []))),
    extend: vi.fn(async (token: string, expiresAt: Date) => {
      const row = rows.get(token);
      if (row) rows.set(token, { ...row, session: { ...row.session, expiresAt } });
      return Boolean(row);
    }),
    forget: vi.fn(async () => {}),
  } as unknown as SessionQueries & { findByToken: ReturnType<typeof vi.fn>; findByTokens: ReturnType<typeof vi.fn> };
  return { rows, queries, hold: (p: Promise<void> | undefined) => (gate = p) };
}

const quiet = { warn: () => {} };

describe("the in-process session cache", () => {
  test("a cached session is read once; the least recently used is dropped past maxEntries", async () => {
    const db = database();
    for (const t of ["a", "b", "c"]) db.rows.set(t, entry(t));
    const cache = memorySessionCache(db.queries, { maxEntries: 2, logger: quiet });
    await cache.findByToken("a");
    await cache.findByToken("b");
    await cache.findByToken("a"); // hit: a is now the most recent
    expect(db.queries.findByToken).toHaveBeenCalledTimes(2);
    await cache.findByToken("c"); // drops b
    await cache.findByToken("a");
    expect(db.queries.findByToken).toHaveBeenCalledTimes(3);
    await cache.findByToken("b");
    expect(db.queries.findByToken).toHaveBeenCalledTimes(4);
  });

  test("an entry is read again once its ttl has passed", async () => {
    const db = database();
    db.rows.set("a", entry("a"));
    let now = 0;
    const cache = memorySessionCache(db.queries, { ttl: 30, logger: quiet, clock: () => now });
    await cache.findByToken("a");
    now = 29_999;
    await cache.findByToken("a");
    expect(db.queries.findByToken).toHaveBeenCalledTimes(1);
    now = 30_000;
    await cache.findByToken("a");
    expect(db.queries.findByToken).toHaveBeenCalledTimes(2);
  });

  test("race: a read that began before a revocation does not put the revoked session back", async () => {
    const db = database();
    db.rows.set("a", entry("a"));
    const cache = memorySessionCache(db.queries, { logger: quiet });
    let release = () => {};
    db.hold(new Promise<void>((resolve) => (release = resolve)));
    const slow = cache.findByToken("a"); // reads the row before the delete lands
    db.rows.delete("a");
    await cache.forget(["a"]);
    release();
    db.hold(undefined);
    expect(await slow).not.toBeNull();
    expect(await cache.findByToken("a")).toBeNull(); // not served from the cache
    expect(db.queries.findByToken).toHaveBeenCalledTimes(2);
  });

  test("a list is served from the cache for the tokens it holds and one query for the rest", async () => {
    const db = database();
    for (const t of ["a", "b"]) db.rows.set(t, entry(t));
    const cache = memorySessionCache(db.queries, { logger: quiet });
    await cache.findByToken("a");
    const listed = await cache.findByTokens(["a", "b"]);
    expect(listed.map((e) => e.session.token).sort()).toEqual(["a", "b"]);
    expect(db.queries.findByTokens).toHaveBeenCalledWith(["b"]);
    await cache.findByTokens(["a", "b"]);
    expect(db.queries.findByTokens).toHaveBeenCalledTimes(1);
  });

  test("extend moves the cached expiry, so the next read sees it without a query", async () => {
    const db = database();
    db.rows.set("a", entry("a", new Date(Date.UTC(2030, 0, 1))));
    const cache = memorySessionCache(db.queries, { logger: quiet });
    await cache.findByToken("a");
    const later = new Date(Date.UTC(2031, 5, 1));
    await cache.extend("a", later, new Date());
    expect((await cache.findByToken("a"))?.session.expiresAt).toEqual(later);
    expect(db.queries.findByToken).toHaveBeenCalledTimes(1);
  });

  test("with a broadcasting storage: revocations are announced, announced ones dropped, and the cache is bypassed while the subscription is down", async () => {
    const db = database();
    for (const t of ["a", "b"]) db.rows.set(t, entry(t));
    const published: string[] = [];
    let handlers: SubscriptionHandlers | undefined;
    const storage = {
      get: async () => null,
      set: async () => {},
      delete: async () => {},
      publish: async (channel: string, message: string) => void published.push(`${channel} ${message}`),
      subscribe: async (_channel: string, h: SubscriptionHandlers) => {
        handlers = h;
        return async () => {};
      },
    } satisfies SecondaryStorage;
    const cache = memorySessionCache(db.queries, { logger: quiet, storage });
    await cache.findByToken("a");
    await cache.findByToken("a");
    expect(db.queries.findByToken).toHaveBeenCalledTimes(2); // not subscribed yet: no caching
    handlers!.live(true);
    await cache.findByToken("a");
    await cache.findByToken("a");
    expect(db.queries.findByToken).toHaveBeenCalledTimes(3);
    handlers!.message("revoked:a"); // another process revoked it
    db.rows.delete("a");
    expect(await cache.findByToken("a")).toBeNull();
    await cache.findByToken("b");
    handlers!.live(false);
    await cache.findByToken("b");
    expect(db.queries.findByToken).toHaveBeenCalledTimes(6); // down: read through
    handlers!.live(true);
    await cache.findByToken("b"); // emptied when the subscription came back
    expect(db.queries.findByToken).toHaveBeenCalledTimes(7);
    await cache.forget(["b"]);
    expect(published).toEqual([`${SESSIONS_CHANNEL} revoked:b`]);
  });
});
