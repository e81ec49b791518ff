import { sql, type Kysely, type Migration } from "kysely";
import type { DialectName } from "../dialect.js";

/**
 * Better Auth 1.7's core tables, with its column types for each dialect, so a database made by
 * either project serves the other. Frozen: later changes go in a new migration.
 */
export function coreSchema(dialect: DialectName): Migration {
  const t = types(dialect);
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("user")
        .ifNotExists()
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("name", t.text, (c) => c.notNull())
        .addColumn("email", t.indexed, (c) => c.notNull().unique())
        .addColumn("emailVerified", t.bool, (c) => c.notNull())
        .addColumn("image", t.text)
        .addColumn("createdAt", t.date, (c) => c.notNull())
        .addColumn("updatedAt", t.date, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("session")
        .ifNotExists()
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("expiresAt", t.date, (c) => c.notNull())
        .addColumn("token", t.indexed, (c) => c.notNull().unique())
        .addColumn("createdAt", t.date, (c) => c.notNull())
        .addColumn("updatedAt", t.date, (c) => c.notNull())
        .addColumn("ipAddress", t.text)
        .addColumn("userAgent", t.text)
        .addColumn("userId", t.id, (c) => c.notNull().references("user.id").onDelete("cascade"))
        .execute();
      await db.schema.createIndex("session_userId_idx").ifNotExists().on("session").column("userId").execute();
      await db.schema
        .createTable("account")
        .ifNotExists()
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("accountId", t.text, (c) => c.notNull())
        .addColumn("providerId", t.text, (c) => c.notNull())
        .addColumn("userId", t.id, (c) => c.notNull().references("user.id").onDelete("cascade"))
        .addColumn("accessToken", t.text)
        .addColumn("refreshToken", t.text)
        .addColumn("idToken", t.text)
        .addColumn("accessTokenExpiresAt", t.date)
        .addColumn("refreshTokenExpiresAt", t.date)
        .addColumn("scope", t.text)
        .addColumn("password", t.text)
        .addColumn("createdAt", t.date, (c) => c.notNull())
        .addColumn("updatedAt", t.date, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("account_userId_idx").ifNotExists().on("account").column("userId").execute();
      await db.schema
        .createTable("verification")
        .ifNotExists()
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("identifier", t.indexed, (c) => c.notNull())
        .addColumn("value", t.text, (c) => c.notNull())
        .addColumn("expiresAt", t.date, (c) => c.notNull())
        .addColumn("createdAt", t.date, (c) => c.notNull())
        .addColumn("updatedAt", t.date, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("verification_identifier_idx")
        .ifNotExists()
        .on("verification")
        .column("identifier")
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ["verification", "account", "session", "user"]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}

function types(dialect: DialectName) {
  switch (dialect) {
    case "postgres":
      return { id: "text", text: "text", indexed: "text", bool: "boolean", date: "timestamptz" } as const;
    case "mysql":
      return {
        id: "varchar(36)",
        text: "text",
        indexed: "varchar(255)",
        bool: "boolean",
        date: sql`timestamp(3)`,
      } as const;
    case "sqlite":
      return { id: "text", text: "text", indexed: "text", bool: "integer", date: "date" } as const;
  }
}
