import type { Verified } from "../crypto/signer.js";
import type { CookieAttributes } from "../cookies/serialize.js";
import { serializeCookie } from "../cookies/serialize.js";
import type { SessionWithUser, User } from "../db/models.js";
import type { AuthContext } from "./context.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The state of one request: its input, the cookies the response will set, and the session
 * helpers every endpoint and plugin shares. Built for each request, dropped after it.
 */
export interface RequestContext<Body = unknown> {
  auth: AuthContext;
  body: Body;
  headers: Headers;
  query: URLSearchParams;
  cookies: ReadonlyMap<string, string>;
  now: Date;
  ipAddress: string | null;
  userAgent: string | null;
  /** `Set-Cookie` values so far, one per cookie name (a later write replaces an earlier one). */
  readonly setCookies: ReadonlyMap<string, string>;
  setCookie(name: string, value: string, attributes?: CookieAttributes): void;
  expireCookie(name: string): void;
  /** Verifies a signed cookie of the request; `null` when absent or forged. */
  readSigned(name: string): Promise<Verified | null>;
  writeSigned(name: string, value: string, attributes?: CookieAttributes): Promise<void>;
  /** The active session from the session cookie, or `null`; read once per request. */
  session(): Promise<SessionWithUser | null>;
  /** Points the session cookie at `active`. */
  setSessionCookie(active: SessionWithUser, options?: { dontRemember?: boolean }): Promise<void>;
  clearSessionCookie(): void;
  /** Creates a session for `user`, sets its cookie, and fires `sessionCreated`. */
  createSession(user: User, options: { rememberMe: boolean }): Promise<SessionWithUser>;
  /** Deletes sessions by token and fires `sessionsRevoked`. */
  revokeSessions(tokens: readonly string[]): Promise<void>;
}

export interface RequestInput<Body> {
  headers: Headers;
  query: URLSearchParams;
  cookies: Map<string, string>;
  body: Body;
  ipAddress: string | null;
}

export function createRequestContext<Body>(auth: AuthContext, input: RequestInput<Body>): RequestContext<Body> {
  const setCookies = new Map<string, string>();
  const names = auth.cookies;
  let memo: Promise<SessionWithUser | null> | undefined;

  const ctx: RequestContext<Body> = {
    auth,
    body: input.body,
    headers: input.headers,
    query: input.query,
    cookies: input.cookies,
    now: auth.now(),
    ipAddress: input.ipAddress,
    userAgent: input.headers.get("user-agent"),
    setCookies,

    setCookie(name, value, attributes = names.attributes) {
      setCookies.set(name, serializeCookie(name, value, attributes));
    },
    expireCookie(name) {
      ctx.setCookie(name, "", { ...names.attributes, maxAge: 0 });
    },
    async readSigned(name) {
      const raw = input.cookies.get(name);
      return raw ? auth.signer.verify(raw) : null;
    },
    async writeSigned(name, value, attributes = names.attributes) {
      ctx.setCookie(name, encodeURIComponent(await auth.signer.sign(value)), attributes);
    },

    session() {
      memo ??= readActiveSession(ctx);
      return memo;
    },

    async setSessionCookie(active, options = {}) {
      const { dontRemember = false } = options;
      const remaining = Math.floor((active.session.expiresAt.getTime() - ctx.now.getTime()) / 1000);
      const attributes = dontRemember ? names.attributes : { ...names.attributes, maxAge: remaining };
      await ctx.writeSigned(names.sessionToken, active.session.token, attributes);
      if (dontRemember) await ctx.writeSigned(names.dontRemember, "true", names.attributes);
      else if (input.cookies.has(names.dontRemember)) ctx.expireCookie(names.dontRemember);
      memo = Promise.resolve(active);
    },

    clearSessionCookie() {
      ctx.expireCookie(names.sessionToken);
      if (input.cookies.has(names.dontRemember)) ctx.expireCookie(names.dontRemember);
      if (input.cookies.has(names.sessionData)) ctx.expireCookie(names.sessionData);
      memo = Promise.resolve(null);
    },

    async createSession(user, { rememberMe }) {
      const lifetime = rememberMe ? auth.session.expiresIn * 1000 : DAY_MS;
      const session = await auth.sessions.create(
        {
          userId: user.id,
          expiresAt: new Date(ctx.now.getTime() + lifetime),
          ipAddress: ctx.ipAddress,
          userAgent: ctx.userAgent,
        },
        ctx.now,
      );
      const created = { session, user };
      await ctx.setSessionCookie(created, { dontRemember: !rememberMe });
      for (const listener of auth.events.sessionCreated) await listener(ctx, created);
      return created;
    },

    async revokeSessions(tokens) {
      if (tokens.length === 0) return;
      await auth.sessions.deleteByTokens(tokens);
      for (const listener of auth.events.sessionsRevoked) await listener(ctx, tokens);
    },
  };
  return ctx;
}

async function readActiveSession(ctx: RequestContext<unknown>): Promise<SessionWithUser | null> {
  const names = ctx.auth.cookies;
  const verified = await ctx.readSigned(names.sessionToken);
  if (!verified) return null;
  const found = await ctx.auth.sessions.findByToken(verified.value);
  if (!found) {
    ctx.clearSessionCookie();
    return null;
  }
  if (found.session.expiresAt.getTime() <= ctx.now.getTime()) {
    // An expired session is dead: delete its row and its cookie in this response.
    await ctx.revokeSessions([found.session.token]);
    ctx.clearSessionCookie();
    return null;
  }
  if (verified.stale) {
    // Signed with a retired secret: re-sign with the current one.
    const dontRemember = (await ctx.readSigned(names.dontRemember))?.value === "true";
    await ctx.setSessionCookie(found, { dontRemember });
  }
  return found;
}
