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
 */
export function cachedSessionQueries(
  queries: SessionQueries,
  storage: SecondaryStorage,
  options: { now: () => Date; markerSeconds: number },
): SessionQueries {
  const { now, markerSeconds } = options;
  const ttl = (entry: SessionWithUser) => Math.floor((entry.session.expiresAt.getTime() - now().getTime()) / 1000);
  const remember = async (entry: SessionWithUser) => {
    const seconds = ttl(entry);
    if (seconds > 0) await storage.set(key(entry.session.token), JSON.stringify(entry), seconds);
  };
  /** The cached copy, or `null`; `revoked` when a revocation marker exists. */
  const lookup = async (token: string): Promise<SessionWithUser | null | "revoked"> => {
    const [cached, marker] = await Promise.all([storage.get(key(token)), storage.get(revokedKey(token))]);
    if (marker !== null) return "revoked";
    return cached === null ? null : revive(cached);
  };

  return {
    ...queries,
    async findByToken(token) {
      const hit = await lookup(token);
      if (hit === "revoked") return null;
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
      if (extended && entry && entry !== "revoked") await remember({ ...entry, session: { ...entry.session, expiresAt, updatedAt: at } });
      else await storage.delete(key(token));
      return extended;
    },
    async forget(tokens) {
      await Promise.all(
        tokens.map(async (token) => {
          await storage.set(revokedKey(token), "1", markerSeconds);
          await storage.delete(key(token));
        }),
      );
    },
  };
}
