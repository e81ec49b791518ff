/**
 * The tables as Better Auth 1.7 names them. Stored value types differ by dialect (SQLite keeps
 * dates as ISO text and booleans as 0/1), so date and boolean columns are typed as what any
 * driver may hand back; `src/db/codec.ts` turns them into `Date` and `boolean`.
 */
export type DbDate = Date | string | number;
export type DbBool = boolean | number;

export interface UserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: DbBool;
  image: string | null;
  createdAt: DbDate;
  updatedAt: DbDate;
}

export interface SessionTable {
  id: string;
  expiresAt: DbDate;
  token: string;
  createdAt: DbDate;
  updatedAt: DbDate;
  ipAddress: string | null;
  userAgent: string | null;
  userId: string;
}

export interface AccountTable {
  id: string;
  accountId: string;
  providerId: string;
  userId: string;
  accessToken: string | null;
  refreshToken: string | null;
  idToken: string | null;
  accessTokenExpiresAt: DbDate | null;
  refreshTokenExpiresAt: DbDate | null;
  scope: string | null;
  password: string | null;
  createdAt: DbDate;
  updatedAt: DbDate;
}

export interface VerificationTable {
  id: string;
  identifier: string;
  value: string;
  expiresAt: DbDate;
  createdAt: DbDate;
  updatedAt: DbDate;
}

export interface Database {
  user: UserTable;
  session: SessionTable;
  account: AccountTable;
  verification: VerificationTable;
}
