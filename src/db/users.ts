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

    /** Creates the user and its credential account together, or neither. */
    async createWithPassword(input: NewUser, passwordHash: string, now: Date): Promise<User> {
      const user: User = {
        id: randomId(),
        name: input.name,
        email: input.email,
        emailVerified: false,
        image: input.image,
        createdAt: now,
        updatedAt: now,
      };
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("user")
          .values({ ...user, emailVerified: codec.bool(false), createdAt: codec.date(now), updatedAt: codec.date(now) })
          .execute();
        await trx
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
            createdAt: codec.date(now),
            updatedAt: codec.date(now),
          })
          .execute();
      });
      return user;
    },
  };
}

export type UserQueries = ReturnType<typeof userQueries>;
