import type { SessionWithUser } from "./models.js";
import type { SessionQueries } from "./sessions.js";
import type { SecondaryStorage } from "../options.js";

const key = (token: string) => `kernia:session:${token}`;

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
 * trip and no SQL. Every write and delete goes to the database first, then updates or removes the
 * cached copy, so a revocation by any process is seen by all of them at once.
 */
export function cachedSessionQueries(queries: SessionQueries, storage: SecondaryStorage, now: () => Date): SessionQueries {
  const ttl = (entry: SessionWithUser) => Math.floor((entry.session.expiresAt.getTime() - now().getTime()) / 1000);
  const remember = async (entry: SessionWithUser) => {
    const seconds = ttl(entry);
    if (seconds > 0) await storage.set(key(entry.session.token), JSON.stringify(entry), seconds);
  };
  const forget = (tokens: readonly string[]) => Promise.all(tokens.map((t) => storage.delete(key(t))));

  return {
    ...queries,
    async findByToken(token) {
      const cached = await storage.get(key(token));
      const hit = cached === null ? null : revive(cached);
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
      const cached = await storage.get(key(token));
      const entry = cached === null ? null : revive(cached);
      if (extended && entry) await remember({ ...entry, session: { ...entry.session, expiresAt, updatedAt: at } });
      else await forget([token]);
      return extended;
    },
    async deleteByTokens(tokens) {
      await queries.deleteByTokens(tokens);
      await forget(tokens);
    },
    async deleteForUser(userId, keepToken) {
      const tokens = await queries.deleteForUser(userId, keepToken);
      await forget(tokens);
      return tokens;
    },
  };
}
