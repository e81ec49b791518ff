import type { Verified } from "../crypto/signer.js";
import type { CookieAttributes } from "../cookies/serialize.js";
import { serializeCookie } from "../cookies/serialize.js";
import type { Kysely } from "kysely";
import type { SessionWithUser, User } from "../db/models.js";
import type { Database } from "../db/schema.js";
import { newSession } from "../db/sessions.js";
import { isRefusal, tell, type AuditEvent, type AuditRecord, type AuditSession, type RevokeReason } from "./audit.js";
import type { AuthContext } from "./context.js";
import type { HeaderReader } from "./exchange.js";
import { readChosenSession, TAB_SESSION_HEADER } from "./tab-session.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** One database write of a request; `executor` is the request's transaction. */
export type RequestWrite = (executor: Kysely<Database>) => Promise<void>;

/**
 * The state of one request: its input, the cookies the response will set, the writes it will
 * make, and the session helpers every endpoint and plugin shares. Built for each request,
 * dropped after it.
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
  /**
   * The request's session, read once per request: the one its tab chose (`x-kernia-session-id`,
   * see `tabChoice`), else the session cookie's, else `null`.
   */
  session(): Promise<SessionWithUser | null>;
  /**
   * The tab's choice of session, when the request names one. `session()` then answers that
   * session (or throws 401 `TAB_SESSION_UNAVAILABLE`), and the session cookie, which says what
   * the browser's other tabs act as, must not be pointed at it.
   */
  readonly tabChoice: string | null;
  /** Points the session cookie at `active`. */
  setSessionCookie(active: SessionWithUser, options?: { dontRemember?: boolean }): Promise<void>;
  clearSessionCookie(): void;
  /**
   * Queues a database write. The request's writes are applied in order, in one transaction, once
   * its answer is ready; a request that fails before then writes nothing (issue 14, item 3).
   * `oneStatement` marks a step that is a single statement, so a request with only that write
   * needs no transaction around it.
   */
  write(step: RequestWrite, options?: { oneStatement?: boolean }): void;
  /** Makes a session for `user`, sets its cookie, queues its insert, and fires `sessionCreated`. */
  createSession(user: User, options: { rememberMe: boolean }): Promise<SessionWithUser>;
  /**
   * Queues the deletion of sessions by token, fires `sessionsRevoked`, and records why for
   * `onEvent` (`known`: the sessions, when the caller has them; else they are looked up, and only
   * when an `onEvent` listener is set).
   */
  revokeSessions(tokens: readonly string[], options?: { reason?: RevokeReason | "sign-out"; known?: readonly SessionWithUser[] }): Promise<void>;
  /** Records an event for the app's `onEvent`, told once the request's writes have landed. */
  audit(record: AuditRecord): void;
}

/** A request's context and the commit that applies its queued writes. */
export interface RequestScope<Body> {
  ctx: RequestContext<Body>;
  /**
   * Applies the queued writes together (one transaction when there are several statements),
   * then lets the session cache forget revoked tokens. Call it once the response is built.
   */
  commit(): Promise<void>;
  /**
   * The `Set-Cookie` lines an error answer still carries: only those clearing a session cookie
   * whose session was found dead. Anything else the request set (a new session, a rewritten or
   * emptied list, expired legacy cookies) would change the browser's state for a request that
   * changed nothing else, and could drop accounts that are still signed in.
   */
  cookiesOnError(): string[];
  /** Whether `commit` or `tellEvents` has anything to do: queued writes, revoked tokens or events. */
  hasWork(): boolean;
  /** Tells `onEvent` what the request did (after `commit`) or, when it failed, what it refused. */
  tellEvents(outcome: "done" | "failed"): Promise<void>;
}

export interface RequestInput<Body> {
  /** One header, cheaply. */
  header: HeaderReader;
  /** Every header; built the first time an endpoint or plugin reads `ctx.headers`. */
  headers: () => Headers;
  /** The query; built the first time `ctx.query` is read. */
  query: () => URLSearchParams;
  cookies: Map<string, string>;
  body: Body;
  ipAddress: string | null;
}

/**
 * `ctx.headers` and `ctx.query`, built the first time they are read, as getters on a prototype.
 * A getter written in an object literal is a new function and accessor for every request, and
 * V8 then promotes the whole request (its closures, cookies and rows) to the old generation: on
 * get-session that took survival of young objects from 1% to 18%, scavenges from under 1 ms to
 * about 12 ms, and peak RSS up by some 35 MiB (bench/ANALYSIS.md).
 */
class LazyRequestParts {
  readonly #input: Pick<RequestInput<unknown>, "headers" | "query">;
  #headers: Headers | undefined;
  #query: URLSearchParams | undefined;
  constructor(input: Pick<RequestInput<unknown>, "headers" | "query">) {
    this.#input = input;
  }
  get headers(): Headers {
    return (this.#headers ??= this.#input.headers());
  }
  get query(): URLSearchParams {
    return (this.#query ??= this.#input.query());
  }
}

export function createRequestContext<Body>(auth: AuthContext, input: RequestInput<Body>): RequestScope<Body> {
  const setCookies = new Map<string, string>();
  const writes: RequestWrite[] = [];
  let statements = 0;
  const revoked: string[] = [];
  let foundDead = false;
  const records: AuditRecord[] = [];
  const names = auth.cookies;
  let memo: Promise<SessionWithUser | null> | undefined;

  const members: Omit<RequestContext<Body>, "headers" | "query"> = {
    auth,
    body: input.body,
    cookies: input.cookies,
    now: auth.now(),
    ipAddress: input.ipAddress,
    userAgent: input.header.get("user-agent"),
    setCookies,
    tabChoice: input.header.get(TAB_SESSION_HEADER),

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
      memo ??=
        ctx.tabChoice === null
          ? readActiveSession(ctx, () => {
              foundDead = true;
            })
          : readChosenSession(ctx, ctx.tabChoice);
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
      // All three, present or not, as Better Auth does: a stale dont_remember must not outlive
      // the session it qualified.
      ctx.expireCookie(names.sessionToken);
      ctx.expireCookie(names.dontRemember);
      ctx.expireCookie(names.sessionData);
      memo = Promise.resolve(null);
    },

    write(step, options = {}) {
      writes.push(step);
      statements += options.oneStatement ? 1 : 2;
    },

    async createSession(user, { rememberMe }) {
      const lifetime = rememberMe ? auth.session.expiresIn * 1000 : DAY_MS;
      const session = newSession(
        { userId: user.id, expiresAt: new Date(ctx.now.getTime() + lifetime), ipAddress: ctx.ipAddress, userAgent: ctx.userAgent },
        ctx.now,
      );
      ctx.write((executor) => auth.sessions.insert(session, executor), { oneStatement: true });
      const created = { session, user };
      await ctx.setSessionCookie(created, { dontRemember: !rememberMe });
      for (const listener of auth.events.sessionCreated) await listener(ctx, created);
      return created;
    },

    async revokeSessions(tokens, options = {}) {
      if (tokens.length === 0) return;
      const batch = [...tokens];
      if (auth.options.onEvent) {
        const known = options.known ?? (await auth.sessions.findByTokens(batch));
        const sessions = known.map((e): AuditSession => ({ sessionId: e.session.id, userId: e.user.id }));
        const reason = options.reason ?? "revoked";
        if (sessions.length) ctx.audit(reason === "sign-out" ? { type: "sign-out", sessions } : { type: "revoke", reason, sessions });
      }
      ctx.write((executor) => auth.sessions.deleteByTokens(batch, executor), { oneStatement: true });
      revoked.push(...batch);
      for (const listener of auth.events.sessionsRevoked) await listener(ctx, tokens);
    },

    audit(record) {
      if (!auth.options.onEvent) return;
      const last = records.at(-1);
      // One sign-out may revoke in several steps (the listed accounts, then the active one).
      if (record.type === "sign-out" && last?.type === "sign-out") last.sessions.push(...record.sessions);
      else records.push(record);
    },
  };
  const ctx: RequestContext<Body> = Object.assign(new LazyRequestParts(input), members);

  async function commit(): Promise<void> {
    if (statements === 1) await writes[0]!(auth.db);
    else if (statements > 1) {
      await auth.db.transaction().execute(async (trx) => {
        for (const step of writes) await step(trx);
      });
    }
    writes.length = 0;
    statements = 0;
    if (revoked.length) await auth.sessions.forget(revoked.splice(0));
  }

  function cookiesOnError(): string[] {
    if (!foundDead) return [];
    const dead = [names.sessionToken, names.dontRemember, names.sessionData];
    return dead.flatMap((name) => {
      const line = setCookies.get(name);
      return line !== undefined && line.includes("; Max-Age=0") ? [line] : [];
    });
  }

  async function tellEvents(outcome: "done" | "failed"): Promise<void> {
    const told = outcome === "done" ? records : records.filter(isRefusal);
    if (told.length === 0) return;
    const base = { at: ctx.now, ipAddress: ctx.ipAddress, userAgent: ctx.userAgent };
    await tell(auth.options.onEvent, told.map((record) => ({ ...base, ...record }) as AuditEvent), auth.logger);
  }

  const hasWork = () => writes.length > 0 || revoked.length > 0 || records.length > 0;

  return { ctx, commit, cookiesOnError, tellEvents, hasWork };
}

async function readActiveSession(ctx: RequestContext<unknown>, markDead: () => void): Promise<SessionWithUser | null> {
  const names = ctx.auth.cookies;
  const verified = await ctx.readSigned(names.sessionToken);
  if (!verified) return null;
  const found = await ctx.auth.sessions.findByToken(verified.value);
  if (!found) {
    ctx.clearSessionCookie();
    markDead();
    return null;
  }
  if (found.session.expiresAt.getTime() <= ctx.now.getTime()) {
    // An expired session is dead: delete its row at once, whatever the request's outcome (the row
    // authenticates nobody either way), and its cookie in this response.
    await ctx.auth.sessions.deleteByTokens([found.session.token]);
    await ctx.auth.sessions.forget([found.session.token]);
    ctx.audit({ type: "revoke", reason: "expired", sessions: [{ sessionId: found.session.id, userId: found.user.id }] });
    ctx.clearSessionCookie();
    markDead();
    return null;
  }
  if (verified.stale) {
    // Signed with a retired secret: re-sign with the current one.
    const dontRemember = (await ctx.readSigned(names.dontRemember))?.value === "true";
    await ctx.setSessionCookie(found, { dontRemember });
  }
  return found;
}
