import { readBool, readDate } from "./codec.js";
import type { SessionTable, UserTable } from "./schema.js";

/** A user as the API returns it (Better Auth's shape). */
export interface User {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  image: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A session as the API returns it (Better Auth's shape). */
export interface Session {
  id: string;
  token: string;
  userId: string;
  expiresAt: Date;
  createdAt: Date;
  updatedAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
}

/** What get-session answers, and what every session-creating endpoint produces. */
export interface SessionWithUser {
  session: Session;
  user: User;
}

export function toUser(row: UserTable): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    emailVerified: readBool(row.emailVerified),
    image: row.image ?? null,
    createdAt: readDate(row.createdAt),
    updatedAt: readDate(row.updatedAt),
  };
}

export function toSession(row: SessionTable): Session {
  return {
    id: row.id,
    token: row.token,
    userId: row.userId,
    expiresAt: readDate(row.expiresAt),
    createdAt: readDate(row.createdAt),
    updatedAt: readDate(row.updatedAt),
    ipAddress: row.ipAddress ?? null,
    userAgent: row.userAgent ?? null,
  };
}
