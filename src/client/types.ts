/**
 * The JSON shapes Kernia's endpoints answer with, after the client has turned ISO date strings
 * into `Date` objects. They mirror Better Auth's wire contract, so the same types describe a
 * Better Auth server.
 *
 * @module
 */

/**
 * A user as the server returns it.
 *
 * @example
 * ```ts
 * const { data } = await authClient.getSession();
 * const user: User | undefined = data?.user;
 * ```
 */
export interface User {
  id: string;
  name: string;
  /** Always lower-cased by the server. */
  email: string;
  emailVerified: boolean;
  image: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A session row as the server returns it.
 *
 * @example
 * ```ts
 * const { data } = await authClient.listSessions();
 * const expiring: Session[] = (data ?? []).filter((s) => s.expiresAt < tomorrow);
 * ```
 */
export interface Session {
  id: string;
  token: string;
  userId: string;
  expiresAt: Date;
  createdAt: Date;
  updatedAt: Date;
  ipAddress?: string | null;
  userAgent?: string | null;
}

/**
 * The signed-in state: what `GET /get-session` answers when a session is active.
 *
 * @example
 * ```ts
 * const { data } = await authClient.getSession();
 * if (data) console.log(`${data.user.email} until ${data.session.expiresAt.toISOString()}`);
 * ```
 */
export interface SessionWithUser {
  session: Session;
  user: User;
}

/**
 * One account signed in on this device, as listed by the multi-session plugin. The session's
 * `token` is absent when the server runs with `exposeTokens: false`; address entries by
 * `session.id` then.
 *
 * @example
 * ```ts
 * const { data } = await authClient.multiSession.listDeviceSessions();
 * const ids = (data ?? []).map((entry: DeviceSession) => entry.session.id);
 * ```
 */
export interface DeviceSession {
  session: Omit<Session, "token"> & { token?: string };
  user: User;
}

/**
 * Why a call failed. `status` is the HTTP status, or `0` when no response arrived
 * (`code` is then `"NETWORK_ERROR"`); `code` is the server's UPPER_SNAKE error code.
 *
 * @example
 * ```ts
 * const { error } = await authClient.signIn.email({ email, password });
 * if (error?.code === "INVALID_EMAIL_OR_PASSWORD") showWrongPassword();
 * ```
 */
export interface AuthClientError {
  status: number;
  code: string;
  message: string;
}

/**
 * What every client method resolves to. Client methods never throw: a failure, including a
 * network failure, is an `error`.
 *
 * @example
 * ```ts
 * const result: AuthResult<SessionWithUser | null> = await authClient.getSession();
 * if (result.error) console.warn(result.error.message);
 * else console.log(result.data?.user.name ?? "signed out");
 * ```
 */
export type AuthResult<T> =
  | { data: T; error: null }
  | { data: null; error: AuthClientError };

/**
 * `POST /sign-up/email` body.
 *
 * @example
 * ```ts
 * const input: SignUpEmailInput = { name: "Ada", email: "ada@example.com", password };
 * ```
 */
export interface SignUpEmailInput {
  name: string;
  email: string;
  password: string;
  image?: string;
  rememberMe?: boolean;
}

/**
 * `POST /sign-up/email` answer; `token` is `null` when the server does not sign the user in.
 *
 * @example
 * ```ts
 * const { data }: AuthResult<SignUpEmailResponse> = await authClient.signUp.email(input);
 * ```
 */
export interface SignUpEmailResponse {
  token: string | null;
  user: User;
}

/**
 * `POST /sign-in/email` body.
 *
 * @example
 * ```ts
 * const input: SignInEmailInput = { email: "ada@example.com", password, rememberMe: false };
 * ```
 */
export interface SignInEmailInput {
  email: string;
  password: string;
  rememberMe?: boolean;
  callbackURL?: string;
}

/**
 * `POST /sign-in/email` answer.
 *
 * @example
 * ```ts
 * const { data }: AuthResult<SignInEmailResponse> = await authClient.signIn.email(input);
 * ```
 */
export interface SignInEmailResponse {
  redirect: boolean;
  url?: string;
  token: string;
  user: User;
}
