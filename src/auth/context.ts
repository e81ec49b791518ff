import { availableParallelism } from "node:os";
import { Kysely, type LogEvent } from "kysely";
import { createPasswordHasher, type PasswordHasher } from "../crypto/password.js";
import { createSigner, type Signer } from "../crypto/signer.js";
import { codecFor } from "../db/codec.js";
import { dialectFromUrl, dialectName, type DialectName, type ResolvedDialect } from "../db/dialect.js";
import { coreMigrations, type NamedMigration } from "../db/migrate.js";
import type { Database } from "../db/schema.js";
import { sessionQueries, type SessionQueries } from "../db/sessions.js";
import { sqliteReader } from "../db/sqlite-reader.js";
import { postgresReader } from "../db/postgres-reader.js";
import type { DirectReader } from "../db/direct-reads.js";
import { cachedSessionQueries } from "../db/session-cache.js";
import { memorySessionCache } from "../db/memory-session-cache.js";
import { userQueries, type UserQueries } from "../db/users.js";
import { KerniaConfigError } from "../errors.js";
import type { KerniaOptions, RateLimitRule, SecondaryStorage } from "../options.js";
import type { Plugin, PluginEvents } from "../plugins/types.js";
import { cookieConfig, type CookieConfig } from "../cookies/session-cookie.js";
import { originMatcher, type OriginMatcher } from "../security/trusted-origins.js";

const DAY = 24 * 60 * 60;

/** Everything a request needs, resolved once by `kernia()`. */
export interface AuthContext {
  options: KerniaOptions;
  /**
   * The configured base URL. When none is configured (`inferBaseURL`), this is a placeholder
   * whose origin nothing trusts, and each request through `auth.handler` sees its own origin here.
   */
  baseURL: URL;
  /** No `baseURL` was configured: each request's own origin stands in for it (see {@link baseURLInference}). */
  inferBaseURL: boolean;
  basePath: string;
  db: Kysely<Database>;
  dialect: DialectName;
  sessions: SessionQueries;
  /** Run by `auth.close()` before the pool closes (the session cache's subscription). */
  closers: Array<() => Promise<void>>;
  users: UserQueries;
  signer: Signer;
  hasher: PasswordHasher;
  cookies: CookieConfig;
  trustedOrigins: OriginMatcher;
  trustedProxies: ReadonlySet<string>;
  session: { expiresIn: number; updateAge: number; freshAge: number };
  password: { enabled: boolean; min: number; max: number; autoSignIn: boolean };
  rateLimit: { enabled: boolean; rule: RateLimitRule; rules: Record<string, RateLimitRule>; storage: "memory" | "secondary-storage" };
  secondaryStorage: SecondaryStorage | undefined;
  plugins: readonly Plugin[];
  /** Each event's listeners, collected once so dispatch is a loop over a short array. */
  events: { [K in keyof PluginEvents]-?: Array<NonNullable<PluginEvents[K]>> };
  migrations: NamedMigration[];
  now: () => Date;
  logger: Pick<Console, "warn" | "error">;
}

/**
 * Concurrent scrypt hashes by default: one per core, but always leaving a thread of libuv's pool
 * (4 unless UV_THREADPOOL_SIZE says otherwise) for everything else that runs there when hashes run
 * on it (`hashPriority: "normal"`); the same number of low-priority threads otherwise, each about
 * 6 to 9 MiB. Either way a running hash holds 32 MiB of scrypt memory (128 x N x r). Measured in bench/RESULTS.md: on 2 cores, 2 keeps Better
 * Auth's sign-in rate while session checks stay fast; 4 signs in no faster.
 */
function defaultHashConcurrency(): number {
  const pool = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  return Math.max(1, Math.min(availableParallelism(), pool - 1));
}

function hashPriority(value: unknown): "low" | "normal" {
  if (value === undefined || value === "low" || value === "normal") return value ?? "low";
  throw new KerniaConfigError("emailAndPassword.hashPriority", `must be "low" or "normal", not ${JSON.stringify(value)}`);
}

function resolveSecrets(options: KerniaOptions): string[] {
  // An empty value (`KERNIA_SECRET=` in a .env file, or `secret: process.env.X` when X is empty)
  // means "not set", so the message says a secret is missing rather than too short.
  const unlessEmpty = (value: string | undefined) => (value === "" ? undefined : value);
  const given =
    (typeof options.secret === "string" ? unlessEmpty(options.secret) : options.secret) ??
    unlessEmpty(process.env.KERNIA_SECRET) ??
    unlessEmpty(process.env.BETTER_AUTH_SECRET);
  const secrets = typeof given === "string" ? [given] : given ? [...given] : [];
  if (secrets.length === 0) {
    if (process.env.NODE_ENV === "production") {
      throw new KerniaConfigError("secret", "is required in production (set KERNIA_SECRET)");
    }
    throw new KerniaConfigError("secret", "is missing: pass one or set KERNIA_SECRET (`npx kernia secret` makes one)");
  }
  for (const secret of secrets) {
    if (typeof secret !== "string" || secret.length < 32) {
      throw new KerniaConfigError("secret", "must be at least 32 characters (`npx kernia secret` makes one)");
    }
  }
  return secrets;
}

/** The configured base URL, or `undefined` when none is, so that requests supply it. */
function resolveBaseURL(options: KerniaOptions): URL | undefined {
  // An empty environment variable (a blank line in a compose file) counts as unset; an empty option does not.
  const raw = options.baseURL ?? (process.env.KERNIA_BASE_URL || process.env.BETTER_AUTH_URL || undefined);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new KerniaConfigError("baseURL", `is not a valid URL: ${JSON.stringify(raw)}`, { cause });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new KerniaConfigError("baseURL", "must be an http: or https: URL");
  }
  return url;
}

/** Stands in for an unset base URL where no request supplies one; its origin is never trusted. */
const NO_BASE_URL = new URL("http://base-url-not-set.invalid");

/**
 * With no `baseURL` configured, Kernia does what Better Auth 1.7 does: each request's own origin
 * (the scheme and Host it was sent to) stands in for the base URL, for that request only. A
 * browser cannot choose the Host it sends, so a cross-site page still fails the origin check; and
 * no single request can make an origin trusted for everyone else (a first-request-wins inference
 * would let whoever hits a fresh server first, with `Host: evil.example`, decide what it trusts).
 *
 * The context of the first origin seen is kept, so the usual single-origin app pays one string
 * comparison per request; other origins get a context built for the request. The first inference
 * logs once, naming the origin and the fix, through `logger.warn`, or `logger.error` when
 * `NODE_ENV=production`: behind a TLS-terminating proxy the request's own URL is `http:` while the
 * browser's Origin is `https:`, so production needs `baseURL`.
 *
 * @example
 * const forOrigin = baseURLInference(context);
 * const auth = context.inferBaseURL ? forOrigin(new URL(request.url).origin) : context;
 */
export function baseURLInference(context: AuthContext): (origin: string) => AuthContext {
  let first: { origin: string; context: AuthContext } | undefined;
  const build = (origin: string): AuthContext => ({
    ...context,
    baseURL: new URL(origin),
    trustedOrigins: originMatcher(origin, context.options.trustedOrigins ?? []),
  });
  return (origin) => {
    if (origin === first?.origin) return first.context;
    if (origin === "null") return context;
    if (first) return build(origin);
    first = { origin, context: build(origin) };
    if (process.env.NODE_ENV === "production") {
      context.logger.error(
        `kernia: baseURL is not set in production, so each request's own URL stands in for it (first: ${origin}). Behind a proxy that is rarely the URL your users open (https, your domain), and their requests will be refused as INVALID_ORIGIN. Set baseURL: "https://your.domain" in kernia(), or KERNIA_BASE_URL.`,
      );
    } else {
      context.logger.warn(
        `kernia: baseURL is not set, so each request's own URL stands in for it (first: ${origin}). Set baseURL: "${origin}" in kernia(), or KERNIA_BASE_URL, to the URL your users open.`,
      );
    }
    return first.context;
  };
}

function resolveDatabase(
  option: KerniaOptions["database"],
  logger: Pick<Console, "warn">,
): ResolvedDialect & { log?: (e: LogEvent) => void } {
  if (option === undefined || option === null) throw new KerniaConfigError("database", "is required");
  const fromUrl = (url: string) =>
    dialectFromUrl(url, { onPoolError: (error) => logger.warn("kernia: database connection lost:", error.message) });
  if (typeof option === "string") return fromUrl(option);
  if ("createDriver" in option) return { dialect: option, type: dialectName(option) };
  if (option.url) return { ...fromUrl(option.url), ...(option.log ? { log: option.log } : {}) };
  if (option.dialect) {
    return { dialect: option.dialect, type: option.type ?? dialectName(option.dialect), ...(option.log ? { log: option.log } : {}) };
  }
  throw new KerniaConfigError("database", "needs a url or a dialect");
}

/** Session lookups on the driver itself, for the databases Kernia opened from a URL. */
function directReader(database: ResolvedDialect & { log?: (e: LogEvent) => void }): DirectReader | undefined {
  if (database.sqliteConnection) return sqliteReader(database.sqliteConnection, database.log);
  if (database.postgresPool) return postgresReader(database.postgresPool, database.log);
  return undefined;
}

function positiveInt(name: string, value: number | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) throw new KerniaConfigError(name, `must be an integer ≥ ${min}`);
  return value;
}

/**
 * `rateLimit.customRules`, checked at startup: a path the handler can match (it starts with "/",
 * relative to `basePath`), and a window and a max that are positive integers. A rule of `max: 0`
 * or `window: 1.5` would otherwise lock an endpoint or count nothing, found only under load.
 */
function customRules(rules: Record<string, RateLimitRule> | undefined): Record<string, RateLimitRule> {
  const checked: Record<string, RateLimitRule> = {};
  for (const [path, rule] of Object.entries(rules ?? {})) {
    const refuse = (problem: string) => new KerniaConfigError("rateLimit.customRules", `has ${JSON.stringify(path)}: ${problem}`);
    if (!path.startsWith("/")) throw refuse('the path must start with "/" (endpoint paths are relative to basePath, e.g. "/sign-in/email")');
    if (typeof rule !== "object" || rule === null) throw refuse("the rule must be { window, max }");
    for (const key of ["window", "max"] as const) {
      const value: unknown = rule[key];
      if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw refuse(`${key} must be an integer ≥ 1 (got ${typeof value === "string" ? JSON.stringify(value) : String(value)})`);
    }
    checked[path] = { window: rule.window, max: rule.max };
  }
  return checked;
}

/** The session queries behind `sessionCache` when it is on; its subscription is ended by `auth.close()`. */
function withSessionCache(options: KerniaOptions, queries: SessionQueries, closers: Array<() => Promise<void>>): SessionQueries {
  const given = options.sessionCache;
  if (given === undefined || given === false) return queries;
  const settings = given === true ? {} : given;
  if (typeof settings !== "object" || settings === null) throw new KerniaConfigError("sessionCache", "must be true, false or { maxEntries, ttl }");
  const cache = memorySessionCache(queries, {
    maxEntries: positiveInt("sessionCache.maxEntries", settings.maxEntries, 10_000, 1),
    ttl: positiveInt("sessionCache.ttl", settings.ttl, 30, 1),
    storage: options.secondaryStorage,
    logger: options.logger ?? console,
  });
  closers.push(() => cache.close());
  return cache;
}

/** Validates options and builds the context; throws `KerniaConfigError` naming the bad option. */
export function createContext(options: KerniaOptions): AuthContext {
  const secrets = resolveSecrets(options);
  const baseURL = resolveBaseURL(options);
  const rawBasePath = options.basePath ?? "/api/auth";
  if (!rawBasePath.startsWith("/")) throw new KerniaConfigError("basePath", 'must start with "/"');
  // Without its trailing slash; "/" (endpoints at the root) becomes "".
  const basePath = rawBasePath.replace(/\/+$/, "");
  const database = resolveDatabase(options.database, options.logger ?? console);
  const db = new Kysely<Database>({ dialect: database.dialect, ...(database.log ? { log: database.log } : {}) });
  const codec = codecFor(database.type);
  const plugins = options.plugins ?? [];
  const ids = new Set<string>();
  for (const plugin of plugins) {
    if (ids.has(plugin.id)) throw new KerniaConfigError("plugins", `lists "${plugin.id}" twice`);
    ids.add(plugin.id);
    plugin.validate?.(options);
  }

  const ep = options.emailAndPassword ?? {};
  const min = positiveInt("emailAndPassword.minPasswordLength", ep.minPasswordLength, 8, 1);
  const max = positiveInt("emailAndPassword.maxPasswordLength", ep.maxPasswordLength, 128, min);
  const rl = options.rateLimit ?? {};
  // Without a base URL, only the listed origins are trusted until a request supplies its own.
  const trusted = originMatcher(baseURL?.origin ?? "null", options.trustedOrigins ?? []);
  const storage = rl.storage ?? (options.secondaryStorage ? "secondary-storage" : "memory");
  const now = options.advanced?.now ?? (() => new Date());
  const sessionTimes = {
    expiresIn: positiveInt("session.expiresIn", options.session?.expiresIn, 7 * DAY, 1),
    updateAge: positiveInt("session.updateAge", options.session?.updateAge, DAY),
    freshAge: positiveInt("session.freshAge", options.session?.freshAge, DAY),
  };
  const sessions = sessionQueries(db, codec, directReader(database));
  if (storage === "secondary-storage" && !options.secondaryStorage) {
    throw new KerniaConfigError("rateLimit.storage", 'is "secondary-storage" but no secondaryStorage is configured');
  }

  const pick = <K extends keyof PluginEvents>(key: K) =>
    plugins.flatMap((p) => (p.events?.[key] ? [p.events[key].bind(p.events)] : [])) as Array<NonNullable<PluginEvents[K]>>;

  const closers: Array<() => Promise<void>> = [];
  const context: AuthContext = {
    options,
    closers,
    baseURL: baseURL ?? NO_BASE_URL,
    inferBaseURL: baseURL === undefined,
    basePath,
    db,
    dialect: database.type,
    sessions: withSessionCache(
      options,
      options.secondaryStorage
        ? cachedSessionQueries(sessions, options.secondaryStorage, {
            now,
            markerSeconds: sessionTimes.expiresIn + 5 * 60,
            logger: options.logger ?? console,
          })
        : sessions,
      closers,
    ),
    users: userQueries(db, codec),
    signer: createSigner(secrets),
    hasher: createPasswordHasher({
      concurrency: positiveInt("emailAndPassword.hashConcurrency", ep.hashConcurrency, defaultHashConcurrency(), 1),
      queueLimit: ep.hashQueueLimit === undefined ? undefined : positiveInt("emailAndPassword.hashQueueLimit", ep.hashQueueLimit, 0, 0),
      priority: hashPriority(ep.hashPriority),
      logger: options.logger ?? console,
    }),
    cookies: cookieConfig(options, baseURL),
    trustedOrigins: trusted,
    trustedProxies: new Set(options.advanced?.trustedProxies ?? []),
    session: sessionTimes,
    password: { enabled: ep.enabled ?? true, min, max, autoSignIn: ep.autoSignIn ?? true },
    rateLimit: {
      enabled: rl.enabled ?? process.env.NODE_ENV === "production",
      rule: { window: positiveInt("rateLimit.window", rl.window, 10, 1), max: positiveInt("rateLimit.max", rl.max, 100, 1) },
      rules: { "/sign-in/email": { window: 10, max: 3 }, "/sign-up/email": { window: 10, max: 3 }, ...customRules(rl.customRules) },
      storage,
    },
    secondaryStorage: options.secondaryStorage,
    plugins,
    events: { sessionCreated: pick("sessionCreated"), sessionsRevoked: pick("sessionsRevoked"), signOut: pick("signOut") },
    migrations: [...coreMigrations, ...plugins.flatMap((p) => p.migrations ?? [])],
    now,
    logger: options.logger ?? console,
  };
  closers.push(() => context.hasher.close());
  for (const plugin of plugins) plugin.init?.(context);
  return context;
}
