import type { CompiledQuery, Kysely } from "kysely";
import type { Codec } from "./codec.js";
import { toSession, toUser, type Session, type SessionWithUser } from "./models.js";
import type { Database } from "./schema.js";
import type { DirectReader } from "./direct-reads.js";
import { randomId } from "../crypto/random.js";

// Session and user columns under distinct aliases, so one row carries both.
function selectJoined(db: Kysely<Database>) {
  return db
    .selectFrom("session")
    .innerJoin("user", "user.id", "session.userId")
    .select([
      "session.id as s_id",
      "session.token as s_token",
      "session.userId as s_userId",
      "session.expiresAt as s_expiresAt",
      "session.createdAt as s_createdAt",
      "session.updatedAt as s_updatedAt",
      "session.ipAddress as s_ipAddress",
      "session.userAgent as s_userAgent",
      "user.id as u_id",
      "user.name as u_name",
      "user.email as u_email",
      "user.emailVerified as u_emailVerified",
      "user.image as u_image",
      "user.createdAt as u_createdAt",
      "user.updatedAt as u_updatedAt",
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectJoined>["executeTakeFirstOrThrow"]>>;

function fromRow(row: Row): SessionWithUser {
  return {
    session: toSession({
      id: row.s_id,
      token: row.s_token,
      userId: row.s_userId,
      expiresAt: row.s_expiresAt,
      createdAt: row.s_createdAt,
      updatedAt: row.s_updatedAt,
      ipAddress: row.s_ipAddress,
      userAgent: row.s_userAgent,
    }),
    user: toUser({
      id: row.u_id,
      name: row.u_name,
      email: row.u_email,
      emailVerified: row.u_emailVerified,
      image: row.u_image,
      createdAt: row.u_createdAt,
      updatedAt: row.u_updatedAt,
    }),
  };
}

/** A new session for `input`, with fresh random id and token; nothing is written. */
export function newSession(input: NewSession, now: Date): Session {
  return {
    id: randomId(),
    token: randomId(),
    userId: input.userId,
    expiresAt: input.expiresAt,
    createdAt: now,
    updatedAt: now,
    ipAddress: input.ipAddress,
    userAgent: input.userAgent,
  };
}

export interface NewSession {
  userId: string;
  expiresAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
}

/**
 * The join by token runs on every page load, so it is compiled once and only its parameters
 * change. Compiled `IN (…)` lists are kept per length (a browser lists at most a few hundred).
 */
function compiledLookups(db: Kysely<Database>) {
  const byToken = selectJoined(db).where("session.token", "=", "").compile();
  const byTokens = new Map<number, CompiledQuery<Row>>();
  return {
    one: (token: string): CompiledQuery<Row> => ({ ...byToken, parameters: [token] }),
    many(tokens: readonly string[]): CompiledQuery<Row> {
      let compiled = byTokens.get(tokens.length);
      if (!compiled) {
        compiled = selectJoined(db).where("session.token", "in", tokens.map(() => "")).compile();
        if (byTokens.size < 256) byTokens.set(tokens.length, compiled);
      }
      return { ...compiled, parameters: [...tokens] };
    },
  };
}

/**
 * Session queries; each is one SQL statement. Writes take the request's transaction as `executor`.
 * `reader` runs the lookups by token on the driver, without Kysely's executor, when it can (`direct-reads.ts`).
 */
export function sessionQueries(db: Kysely<Database>, codec: Codec, reader?: DirectReader) {
  const lookups = compiledLookups(db);
  // Rows read at once (SQLite's direct reads) are handed on without a promise per step: this runs
  // on every page load.
  const rowsOf = (query: CompiledQuery<Row>): Row[] | Promise<Row[]> =>
    reader?.rows(query) ?? db.executeQuery(query).then((result) => result.rows);
  const one = (rows: Row[], token: string): SessionWithUser | null => {
    const [row] = rows;
    // MySQL's default collations compare case-insensitively: a token matches only exactly.
    return row && row.s_token === token ? fromRow(row) : null;
  };
  return {
    /** The session and its user by token, in one join; `null` when unknown. Expiry is the caller's check. */
    async findByToken(token: string): Promise<SessionWithUser | null> {
      const rows = rowsOf(lookups.one(token));
      return one(Array.isArray(rows) ? rows : await rows, token);
    },

    /** Every known session among `tokens`, with users, in one statement. */
    async findByTokens(tokens: readonly string[]): Promise<SessionWithUser[]> {
      if (tokens.length === 0) return [];
      const rows = await rowsOf(lookups.many(tokens));
      const wanted = new Set(tokens);
      return rows.filter((row) => wanted.has(row.s_token)).map(fromRow);
    },

    /** Inserts a session made by `newSession`; `executor` is the request's transaction when it has one. */
    async insert(session: Session, executor: Kysely<Database> = db): Promise<void> {
      await executor
        .insertInto("session")
        .values({
          ...session,
          expiresAt: codec.date(session.expiresAt),
          createdAt: codec.date(session.createdAt),
          updatedAt: codec.date(session.updatedAt),
        })
        .execute();
    },

    /** Moves the expiry; `false` when the row is gone (revoked meanwhile). */
    async extend(token: string, expiresAt: Date, now: Date): Promise<boolean> {
      const result = await db
        .updateTable("session")
        .set({ expiresAt: codec.date(expiresAt), updatedAt: codec.date(now) })
        .where("token", "=", token)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async listForUser(userId: string): Promise<Session[]> {
      const rows = await db.selectFrom("session").selectAll().where("userId", "=", userId).execute();
      return rows.map(toSession);
    },

    async deleteByTokens(tokens: readonly string[], executor: Kysely<Database> = db): Promise<void> {
      if (tokens.length === 0) return;
      await executor.deleteFrom("session").where("token", "in", [...tokens]).execute();
    },

    /** The tokens of the user's sessions, except `keepToken` when given. */
    async tokensForUser(userId: string, keepToken?: string): Promise<string[]> {
      let query = db.selectFrom("session").select("token").where("userId", "=", userId);
      if (keepToken) query = query.where("token", "!=", keepToken);
      return (await query.execute()).map((r) => r.token);
    },

    /**
     * Called once the deletion of `tokens` is committed, so that copies kept outside the database
     * (the secondary-storage cache) stop answering for them. Nothing to do without a cache.
     */
    async forget(_tokens: readonly string[]): Promise<void> {},
  };
}

export type SessionQueries = ReturnType<typeof sessionQueries>;
