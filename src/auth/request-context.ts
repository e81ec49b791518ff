import type { Verified } from "../crypto/signer.js";
import type { CookieAttributes } from "../cookies/serialize.js";
import { serializeCookie, withMaxAge } from "../cookies/serialize.js";
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
 * dropped after it. Its methods are not bound: call them on the context (`ctx.setCookie(…)`).
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
 * A request's context and its scope, as one object made from a class: its methods and the lazy
 * `headers` and `query` getters live on the prototype, so a request costs one object and its
 * state, not a closure per method (about 1.3 KB less garbage per get-session).
 *
 * No getter may be defined on the object itself: a getter written in an object literal made per
 * request let V8 promote whole requests to the old generation (survival of young objects from 1%
 * to 18%, scavenges from under 1 ms to about 12 ms, peak RSS up by some 35 MiB; bench/ANALYSIS.md).
 *
 * The methods read `this`: call them on the context (`ctx.setCookie(…)`), not detached.
 */
class RequestState<Body> implements RequestContext<Body>, RequestScope<Body> {
  readonly auth: AuthContext;
  readonly body: Body;
  readonly cookies: ReadonlyMap<string, string>;
  readonly now: Date;
  readonly ipAddress: string | null;
  readonly userAgent: string | null;
  readonly setCookies = new Map<string, string>();
  readonly tabChoice: string | null;
  readonly #input: RequestInput<Body>;
  #headers: Headers | undefined = undefined;
  #query: URLSearchParams | undefined = undefined;
  #writes: RequestWrite[] = [];
  #statements = 0;
  #revoked: string[] = [];
  #foundDead = false;
  #records: AuditRecord[] = [];
  #memo: Promise<SessionWithUser | null> | undefined = undefined;

  constructor(auth: AuthContext, input: RequestInput<Body>) {
    this.auth = auth;
    this.#input = input;
    this.body = input.body;
    this.cookies = input.cookies;
    this.now = auth.now();
    this.ipAddress = input.ipAddress;
    this.userAgent = input.header.get("user-agent");
    this.tabChoice = input.header.get(TAB_SESSION_HEADER);
  }

  get ctx(): RequestContext<Body> {
    return this;
  }
  get headers(): Headers {
    return (this.#headers ??= this.#input.headers());
  }
  get query(): URLSearchParams {
    return (this.#query ??= this.#input.query());
  }

  setCookie(name: string, value: string, attributes: CookieAttributes = this.auth.cookies.attributes): void {
    this.setCookies.set(name, serializeCookie(name, value, attributes));
  }
  expireCookie(name: string): void {
    this.setCookie(name, "", withMaxAge(this.auth.cookies.attributes, 0));
  }
  async readSigned(name: string): Promise<Verified | null> {
    return this.#verified(name);
  }
  async writeSigned(name: string, value: string, attributes: CookieAttributes = this.auth.cookies.attributes): Promise<void> {
    this.setCookie(name, encodeURIComponent(this.auth.signer.sign(value)), attributes);
  }

  session(): Promise<SessionWithUser | null> {
    this.#memo ??= this.tabChoice === null ? this.#readActiveSession() : readChosenSession(this, this.tabChoice);
    return this.#memo;
  }

  async setSessionCookie(active: SessionWithUser, options: { dontRemember?: boolean } = {}): Promise<void> {
    const names = this.auth.cookies;
    const { dontRemember = false } = options;
    const remaining = Math.floor((active.session.expiresAt.getTime() - this.now.getTime()) / 1000);
    const attributes = dontRemember ? names.attributes : withMaxAge(names.attributes, remaining);
    await this.writeSigned(names.sessionToken, active.session.token, attributes);
    if (dontRemember) await this.writeSigned(names.dontRemember, "true", names.attributes);
    else if (this.cookies.has(names.dontRemember)) this.expireCookie(names.dontRemember);
    this.#memo = Promise.resolve(active);
  }

  clearSessionCookie(): void {
    const names = this.auth.cookies;
    // All three, present or not, as Better Auth does: a stale dont_remember must not outlive
    // the session it qualified.
    this.expireCookie(names.sessionToken);
    this.expireCookie(names.dontRemember);
    this.expireCookie(names.sessionData);
    this.#memo = Promise.resolve(null);
  }

  write(step: RequestWrite, options: { oneStatement?: boolean } = {}): void {
    this.#writes.push(step);
    this.#statements += options.oneStatement ? 1 : 2;
  }

  async createSession(user: User, { rememberMe }: { rememberMe: boolean }): Promise<SessionWithUser> {
    const { auth } = this;
    const lifetime = rememberMe ? auth.session.expiresIn * 1000 : DAY_MS;
    const session = newSession(
      { userId: user.id, expiresAt: new Date(this.now.getTime() + lifetime), ipAddress: this.ipAddress, userAgent: this.userAgent },
      this.now,
    );
    this.write((executor) => auth.sessions.insert(session, executor), { oneStatement: true });
    const created = { session, user };
    await this.setSessionCookie(created, { dontRemember: !rememberMe });
    for (const listener of auth.events.sessionCreated) await listener(this, created);
    return created;
  }

  async revokeSessions(tokens: readonly string[], options: { reason?: RevokeReason | "sign-out"; known?: readonly SessionWithUser[] } = {}): Promise<void> {
    if (tokens.length === 0) return;
    const { auth } = this;
    const batch = [...tokens];
    if (auth.options.onEvent) {
      const known = options.known ?? (await auth.sessions.findByTokens(batch));
      const sessions = known.map((e): AuditSession => ({ sessionId: e.session.id, userId: e.user.id }));
      const reason = options.reason ?? "revoked";
      if (sessions.length) this.audit(reason === "sign-out" ? { type: "sign-out", sessions } : { type: "revoke", reason, sessions });
    }
    this.write((executor) => auth.sessions.deleteByTokens(batch, executor), { oneStatement: true });
    this.#revoked.push(...batch);
    for (const listener of auth.events.sessionsRevoked) await listener(this, tokens);
  }

  audit(record: AuditRecord): void {
    if (!this.auth.options.onEvent) return;
    const last = this.#records.at(-1);
    // One sign-out may revoke in several steps (the listed accounts, then the active one).
    if (record.type === "sign-out" && last?.type === "sign-out") last.sessions.push(...record.sessions);
    else this.#records.push(record);
  }

  async commit(): Promise<void> {
    const { db } = this.auth;
    const writes = this.#writes;
    if (this.#statements === 1) await writes[0]!(db);
    else if (this.#statements > 1) {
      await db.transaction().execute(async (trx) => {
        for (const step of writes) await step(trx);
      });
    }
    writes.length = 0;
    this.#statements = 0;
    if (this.#revoked.length) await this.auth.sessions.forget(this.#revoked.splice(0));
  }

  cookiesOnError(): string[] {
    if (!this.#foundDead) return [];
    const names = this.auth.cookies;
    const dead = [names.sessionToken, names.dontRemember, names.sessionData];
    return dead.flatMap((name) => {
      const line = this.setCookies.get(name);
      return line !== undefined && line.includes("; Max-Age=0") ? [line] : [];
    });
  }

  async tellEvents(outcome: "done" | "failed"): Promise<void> {
    const told = outcome === "done" ? this.#records : this.#records.filter(isRefusal);
    if (told.length === 0) return;
    const base = { at: this.now, ipAddress: this.ipAddress, userAgent: this.userAgent };
    await tell(this.auth.options.onEvent, told.map((record) => ({ ...base, ...record }) as AuditEvent), this.auth.logger);
  }

  hasWork(): boolean {
    return this.#writes.length > 0 || this.#revoked.length > 0 || this.#records.length > 0;
  }

  /** The session cookie's session; a session cookie whose session is gone or expired is cleared. */
  async #readActiveSession(): Promise<SessionWithUser | null> {
    const { auth } = this;
    const names = auth.cookies;
    const verified = this.#verified(names.sessionToken);
    if (!verified) return null;
    const found = await auth.sessions.findByToken(verified.value);
    if (!found) return this.#dead();
    if (found.session.expiresAt.getTime() <= this.now.getTime()) {
      // An expired session is dead: delete its row at once, whatever the request's outcome (the row
      // authenticates nobody either way), and its cookie in this response.
      await auth.sessions.deleteByTokens([found.session.token]);
      await auth.sessions.forget([found.session.token]);
      this.audit({ type: "revoke", reason: "expired", sessions: [{ sessionId: found.session.id, userId: found.user.id }] });
      return this.#dead();
    }
    if (verified.stale) {
      // Signed with a retired secret: re-sign with the current one.
      const dontRemember = (await this.readSigned(names.dontRemember))?.value === "true";
      await this.setSessionCookie(found, { dontRemember });
    }
    return found;
  }

  /** The signed cookie `name`'s value, checked at once (the signer is synchronous). */
  #verified(name: string): Verified | null {
    const raw = this.cookies.get(name);
    return raw ? this.auth.signer.verify(raw) : null;
  }

  #dead(): null {
    this.#foundDead = true;
    this.clearSessionCookie();
    return null;
  }
}

export function createRequestContext<Body>(auth: AuthContext, input: RequestInput<Body>): RequestScope<Body> {
  return new RequestState(auth, input);
}

