import type { Dialect, LogEvent } from "kysely";
import type { DialectName } from "./db/dialect.js";
import type { SessionCacheOptions } from "./db/memory-session-cache.js";
import type { AuditEvent } from "./auth/audit.js";
import type { Plugin } from "./plugins/types.js";

/** Where Kernia keeps its data: a URL, a Kysely dialect, or a dialect with extras. */
export type DatabaseOption =
  | string
  | Dialect
  | {
      /** `sqlite:<path>`, `postgres://…` or `mysql://…`; or give `dialect`. */
      url?: string;
      dialect?: Dialect;
      /** Needed only for a dialect Kernia cannot recognise. */
      type?: DialectName;
      /** Kysely's query log, e.g. to count statements. */
      log?: (event: LogEvent) => void;
    };

export type { SessionCacheOptions };

/** A key-value store shared by processes (Redis): a session cache and rate-limit counters. */
export interface SecondaryStorage {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Atomically adds one to a counter that expires `ttlSeconds` after its creation; returns the new count. */
  increment?(key: string, ttlSeconds: number): Promise<number>;
  /** Sends `message` to every process subscribed to `channel` (Redis `PUBLISH`). Used by `sessionCache`. */
  publish?(channel: string, message: string): Promise<void>;
  /**
   * Calls `handlers.message` with each message sent on `channel` by any process, and
   * `handlers.live` when the subscription comes up (`true`) or goes down (`false`: messages may
   * be missed until it is back). Resolves to a function that ends the subscription.
   */
  subscribe?(channel: string, handlers: SubscriptionHandlers): Promise<() => Promise<void>>;
}

/** What {@link SecondaryStorage.subscribe} reports. */
export interface SubscriptionHandlers {
  message(text: string): void;
  live(up: boolean): void;
}

export interface RateLimitRule {
  /** Window length in seconds. */
  window: number;
  /** Requests allowed per client per window. */
  max: number;
}

/**
 * Options of `kernia()`; names follow Better Auth's. Everything but `database` and (in
 * production) `secret` has a default.
 */
export interface KerniaOptions {
  /** Signs cookies. A string, or `[current, ...previous]` to rotate. At least 32 characters. */
  secret?: string | readonly string[];
  /**
   * Public URL of the app, e.g. `https://app.example.com`; its origin is trusted and an https URL
   * makes cookies Secure. Default `KERNIA_BASE_URL` or `BETTER_AUTH_URL`; without any, each
   * request's own origin stands in for it (as in Better Auth), with a warning once (an error in
   * production, where the URL a proxy forwards is rarely the one users open): set it.
   */
  baseURL?: string;
  /** Where the endpoints live. Default `/api/auth`. */
  basePath?: string;
  database: DatabaseOption;
  secondaryStorage?: SecondaryStorage;
  /**
   * An in-process cache of sessions in front of the database (and of `secondaryStorage`): a
   * cached get-session or list-device-sessions runs no SQL. Off by default. `true` keeps up to
   * 10,000 sessions for 30 s each. Every revocation (sign-out, revoke, expiry) drops the session
   * here at once; with `redisStorage` it is announced to every other process, which drops it as
   * soon as Redis delivers the message, and a process whose subscription is down reads from the
   * database until it is back. With a `secondaryStorage` that cannot publish, a session revoked
   * by another process may be served here for up to `ttl` seconds: use it with one process only.
   * A cached session is one object shared by every request that reads it, so it is frozen, with
   * its user: change a copy, never the session an endpoint or hook was given.
   *
   * @example
   * kernia({ database, secondaryStorage: redisStorage(process.env.REDIS_URL!), sessionCache: { ttl: 60 } });
   */
  sessionCache?: boolean | SessionCacheOptions;
  emailAndPassword?: {
    enabled?: boolean;
    minPasswordLength?: number;
    maxPasswordLength?: number;
    autoSignIn?: boolean;
    /** Concurrent scrypt hashes at most; the rest queue. Default: the cores, at most libuv pool size - 1. */
    hashConcurrency?: number;
    /**
     * Password checks allowed to wait for a hash slot; past it sign-in and sign-up answer 503
     * `TOO_MANY_PENDING_PASSWORD_CHECKS` at once and change nothing, so a flood cannot queue
     * unbounded memory and latency. Default 64 per concurrent hash. Refusals are logged through
     * `logger.error`: the first at once, then at most one line a minute with their count.
     *
     * @example
     * kernia({ database, emailAndPassword: { hashConcurrency: 2, hashQueueLimit: 32 } });
     */
    hashQueueLimit?: number;
    /**
     * `"low"` (default): on Linux, scrypt runs on Kernia's own worker threads 5 nice steps below
     * the process, so the event loop gets the CPU back as soon as it has work and session checks
     * stay fast while sign-ins run (bench/RESULTS.md: get-session p99 under 4 sign-ins on one
     * core). A thread starts with the first hash that finds none idle (about 45 ms of CPU), up to
     * `hashConcurrency` of them, and stays for the process's life at about 6 to 9 MiB each. The
     * price: while every core is busy, hashes get a smaller share (about a quarter of a saturated
     * core in the bench), so sign-ins slow before session checks do, and still finish.
     * `"normal"`, and every system but Linux: scrypt runs on libuv's pool at the process's priority.
     *
     * @example
     * kernia({ database, emailAndPassword: { hashPriority: "normal" } });
     */
    hashPriority?: "low" | "normal";
  };
  session?: {
    /** Seconds a session lives. Default 7 days. */
    expiresIn?: number;
    /** Seconds after which get-session slides the expiry. Default 1 day. */
    updateAge?: number;
    /** Seconds a session counts as fresh for sensitive endpoints. Default 1 day; 0 disables. */
    freshAge?: number;
  };
  advanced?: {
    cookiePrefix?: string;
    useSecureCookies?: boolean;
    /**
     * Name cookies `__Host-<prefix>.<name>` instead of `__Secure-<prefix>.<name>`. Browsers then
     * accept them only with `Secure`, `Path=/` and no `Domain`, so a sibling subdomain (or an
     * http page on the same host) cannot plant or overwrite them. For apps served from one host;
     * needs an https base URL (or `useSecureCookies: true` behind a TLS proxy). Default `false`.
     *
     * @example
     * kernia({ database, baseURL: "https://app.example.com", advanced: { useHostPrefix: true } });
     * // Set-Cookie: __Host-better-auth.session_token=…; Path=/; HttpOnly; Secure; SameSite=Lax
     */
    useHostPrefix?: boolean;
    /** Peer addresses whose `X-Forwarded-For` is believed. Default none. */
    trustedProxies?: readonly string[];
    /** The clock, for tests. */
    now?: () => Date;
  };
  /** Origins besides the base URL's allowed to make state-changing requests; `*.example.com` matches subdomains. */
  trustedOrigins?: readonly string[];
  rateLimit?: {
    /** Default: on when `NODE_ENV === "production"`. */
    enabled?: boolean;
    window?: number;
    max?: number;
    /**
     * Per-path rules; defaults give sign-in and sign-up 3 requests per 10 s. Paths start with "/"
     * and are relative to `basePath`; `window` and `max` are integers ≥ 1, else `kernia()` throws.
     */
    customRules?: Record<string, RateLimitRule>;
    /** `"memory"` (default) or `"secondary-storage"`. */
    storage?: "memory" | "secondary-storage";
  };
  plugins?: readonly Plugin[];
  /**
   * Hears what happens, for an audit log: sign-up, sign-in and failed sign-in, sign-out, switch,
   * revoke (by the user, replaced, evicted by the multi-session cap, expired) and rate-limit
   * refusals, each with user and session ids (never tokens), the client's address and user agent.
   * Awaited in order after the request's writes have landed and before its answer is sent, so an
   * app can write the log durably; events of a request that failed are not told, except the
   * refusals themselves. A listener that throws is logged and never changes the answer.
   *
   * @example
   * kernia({ database, onEvent: (event) => auditLog.insert({ ...event, at: event.at.toISOString() }) });
   */
  onEvent?: (event: AuditEvent) => void | Promise<void>;
  /** Where warnings go. Default `console`. */
  logger?: Pick<Console, "warn" | "error">;
}
