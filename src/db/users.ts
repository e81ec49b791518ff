import type { Kysely } from "kysely";
import type { Codec } from "./codec.js";
import { toUser, type User } from "./models.js";
import type { Database } from "./schema.js";
import { randomId } from "../crypto/random.js";

export interface NewUser {
  name: string;
  email: string;
  image: string | null;
}

/** A new user for `input`, with a fresh random id; nothing is written. */
export function newUser(input: NewUser, now: Date): User {
  return { id: randomId(), name: input.name, email: input.email, emailVerified: false, image: input.image, createdAt: now, updatedAt: now };
}

/** User and credential-account queries. */
export function userQueries(db: Kysely<Database>, codec: Codec) {
  return {
    /** The user by (lower-cased) email with the credential password hash, in one statement. */
    async findWithPassword(email: string): Promise<{ user: User; password: string | null } | null> {
      const row = await db
        .selectFrom("user")
        .leftJoin("account", (join) =>
          join.onRef("account.userId", "=", "user.id").on("account.providerId", "=", "credential"),
        )
        .selectAll("user")
        .select("account.password as password")
        .where("user.email", "=", email)
        .executeTakeFirst();
      if (!row) return null;
      const { password, ...user } = row;
      return { user: toUser(user), password: password ?? null };
    },

    async emailTaken(email: string): Promise<boolean> {
      const row = await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst();
      return row !== undefined;
    },

    /**
     * Inserts `user` and its credential account. Two statements: run them in the request's
     * transaction (`executor`) so that both are written or neither.
     */
    async insertWithPassword(user: User, passwordHash: string, executor: Kysely<Database>): Promise<void> {
      const now = codec.date(user.createdAt);
      await executor
        .insertInto("user")
        .values({ ...user, emailVerified: codec.bool(user.emailVerified), createdAt: now, updatedAt: codec.date(user.updatedAt) })
        .execute();
      await executor
        .insertInto("account")
        .values({
          id: randomId(),
          accountId: user.id,
          providerId: "credential",
          userId: user.id,
          accessToken: null,
          refreshToken: null,
          idToken: null,
          accessTokenExpiresAt: null,
          refreshTokenExpiresAt: null,
          scope: null,
          password: passwordHash,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
    },
  };
}

export type UserQueries = ReturnType<typeof userQueries>;
