import type { SessionWithUser } from "./models.js";
import type { SessionQueries } from "./sessions.js";
import type { SecondaryStorage } from "../options.js";

const key = (token: string) => `kernia:session:${token}`;
const revokedKey = (token: string) => `kernia:revoked:${token}`;

function revive(text: string): SessionWithUser | null {
  try {
    const { session, user } = JSON.parse(text) as SessionWithUser;
    return {
      session: {
        ...session,
        expiresAt: new Date(session.expiresAt),
        createdAt: new Date(session.createdAt),
        updatedAt: new Date(session.updatedAt),
      },
      user: { ...user, createdAt: new Date(user.createdAt), updatedAt: new Date(user.updatedAt) },
    };
  } catch {
    return null;
  }
}

/**
 * Session queries read through the secondary storage: a cached session costs one storage round
 * trip and no SQL. Writes go to the database; once a request's deletions are committed, `forget`
 * marks each token revoked and drops its cached copy, so a revocation by any process is seen by
 * all of them at once.
 *
 * Why a revocation marker and not just a delete: a reader that missed the cache reads the row,
 * then writes the cache. A revocation landing between the two would be undone by that write until
 * the session expired (issue 14, item 6). Every read checks the marker in the same round trip, so
 * a copy written late is never served. The marker lives as long as any session can
 * (`markerSeconds`: the session lifetime plus a margin for clocks of other processes).
 *
 * When the storage fails (Redis down or cut off), sessions are read from the database alone,
 * which is the source of truth, so nothing revoked is served and nobody is signed out. Markers
 * that could not be written are kept in this process and written again every `retryMs` (and
 * before this process trusts the cache again), so a revocation made during the outage is honoured
 * by every process once the storage is back (issue 10).
 */
export function cachedSessionQueries(
  queries: SessionQueries,
  storage: SecondaryStorage,
  options: { now: () => Date; markerSeconds: number; logger: Pick<Console, "warn">; retryMs?: number },
): SessionQueries {
  const { now, markerSeconds, logger, retryMs = 1000 } = options;
  const ttl = (entry: SessionWithUser) => Math.floor((entry.session.expiresAt.getTime() - now().getTime()) / 1000);
  /** Revoked tokens whose marker is not yet written. */
  const pending = new Set<string>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let failing = false;

  const failed = (error: unknown) => {
    if (!failing) logger.warn("kernia: secondary storage unavailable, reading sessions from the database:", (error as Error)?.message ?? error);
    failing = true;
  };
  const recovered = () => {
    if (failing) logger.warn("kernia: secondary storage is back");
    failing = false;
  };

  const mark = async (token: string) => {
    await storage.set(revokedKey(token), "1", markerSeconds);
    await storage.delete(key(token));
  };
  /** Writes the markers kept during an outage; `true` once none is left. */
  const flush = async (): Promise<boolean> => {
    for (const token of [...pending]) {
      try {
        await mark(token);
        pending.delete(token);
      } catch (error) {
        failed(error);
        return false;
      }
    }
    if (timer) clearInterval(timer);
    timer = undefined;
    recovered();
    return true;
  };
  const keep = (tokens: readonly string[]) => {
    for (const token of tokens) pending.add(token);
    // Unreferenced: a retry never keeps the process alive on its own.
    timer ??= setInterval(() => void flush(), retryMs);
    timer.unref?.();
  };

  const remember = async (entry: SessionWithUser) => {
    const seconds = ttl(entry);
    if (seconds <= 0) return;
    try {
      await storage.set(key(entry.session.token), JSON.stringify(entry), seconds);
    } catch (error) {
      failed(error);
    }
  };
  /** The cached copy, `null` on a miss, `revoked` when marked, `unavailable` when the storage failed. */
  const lookup = async (token: string): Promise<SessionWithUser | null | "revoked" | "unavailable"> => {
    // This process still owes markers: until they are written, the cache may hold revoked copies.
    if (pending.size > 0 && !(await flush())) return "unavailable";
    try {
      const [cached, marker] = await Promise.all([storage.get(key(token)), storage.get(revokedKey(token))]);
      recovered();
      if (marker !== null) return "revoked";
      return cached === null ? null : revive(cached);
    } catch (error) {
      failed(error);
      return "unavailable";
    }
  };

  return {
    ...queries,
    async findByToken(token) {
      const hit = await lookup(token);
      if (hit === "revoked") return null;
      if (hit === "unavailable") return queries.findByToken(token);
      if (hit) return hit;
      const found = await queries.findByToken(token);
      if (found) await remember(found);
      return found;
    },
    async findByTokens(tokens) {
      // One SQL statement for the whole list, as without the cache: the list is the source of truth.
      return queries.findByTokens(tokens);
    },
    async extend(token, expiresAt, at) {
      const extended = await queries.extend(token, expiresAt, at);
      const entry = await lookup(token);
      if (entry === "unavailable") return extended; // the cached copy keeps its older expiry: harmless
      try {
        if (extended && entry && entry !== "revoked") await remember({ ...entry, session: { ...entry.session, expiresAt, updatedAt: at } });
        else await storage.delete(key(token));
      } catch (error) {
        failed(error);
      }
      return extended;
    },
    async forget(tokens) {
      const unwritten: string[] = [];
      await Promise.all(
        tokens.map(async (token) => {
          try {
            await mark(token);
          } catch (error) {
            failed(error);
            unwritten.push(token);
          }
        }),
      );
      // The rows are gone already; the markers follow as soon as the storage answers again.
      if (unwritten.length) keep(unwritten);
    },
  };
}
