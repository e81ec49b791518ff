import { createApi, type Api } from "./auth/api.js";
import { createContext, type AuthContext } from "./auth/context.js";
import type { Answer, Incoming } from "./auth/exchange.js";
import { createHandlers, type HandlerOptions } from "./auth/handler.js";
import { migrate } from "./db/migrate.js";
import type { KerniaOptions } from "./options.js";
import type { AnyEndpoint, Plugin } from "./plugins/types.js";
import { coreEndpoints } from "./routes/index.js";

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type PluginEndpoints<P extends readonly Plugin[]> = UnionToIntersection<
  P[number] extends infer Q ? (Q extends Plugin<infer E> ? E : never) : never
>;

/** The endpoints of the core plus those of the plugins `P`. */
export type Endpoints<P extends readonly Plugin[]> = typeof coreEndpoints & PluginEndpoints<P>;

/** What `kernia()` returns. */
export interface Auth<P extends readonly Plugin[] = readonly Plugin[]> {
  /**
   * The Web-standard handler: mount it at `basePath` (default `/api/auth`). On a Fetch host, pass
   * the client's address as `{ ip }` so that rate limits count per client.
   */
  handler(request: Request, options?: HandlerOptions): Promise<Response>;
  /** Server-side calls, one per endpoint: `auth.api.getSession({ headers })`. */
  api: Api<Endpoints<P>>;
  options: KerniaOptions;
  /** Applies pending migrations of the core and the plugins; returns the names applied. */
  migrate(): Promise<string[]>;
  /** Closes the database pool. */
  close(): Promise<void>;
  /** Internals for plugins and tests. */
  $context: AuthContext;
  /** Internal: the handler's work without a `Request` or `Response`, for `kernia/node`. */
  $handle(incoming: Incoming): Promise<Answer>;
}

/**
 * Creates the auth server. Options are checked here, once: a bad one throws naming it.
 *
 * @example
 * import { kernia } from "kernia";
 * import { multiSession } from "kernia/plugins";
 *
 * export const auth = kernia({
 *   database: "sqlite:.kernia/kernia.db",
 *   secret: process.env.KERNIA_SECRET,
 *   baseURL: "http://localhost:3000",
 *   plugins: [multiSession()],
 * });
 * await auth.migrate();
 * // e.g. in a route handler: return auth.handler(request);
 */
export function kernia<const P extends readonly Plugin[] = []>(options: KerniaOptions & { plugins?: P }): Auth<P> {
  const context = createContext(options);
  const endpoints: Record<string, AnyEndpoint> = { ...coreEndpoints };
  for (const plugin of context.plugins) {
    for (const [name, endpoint] of Object.entries(plugin.endpoints ?? {})) {
      if (name in endpoints) throw new Error(`kernia: plugin "${plugin.id}" redefines endpoint ${name}`);
      endpoints[name] = endpoint;
    }
  }
  const { handler, handle } = createHandlers(context, endpoints);
  return {
    handler,
    $handle: handle,
    api: createApi(context, endpoints) as Api<Endpoints<P>>,
    options,
    migrate: () => migrate(context.db as never, context.dialect, context.migrations),
    async close() {
      for (const close of context.closers) await close();
      await context.db.destroy();
    },
    $context: context,
  };
}

export { KerniaError, KerniaConfigError, CORE_ERROR_CODES, type CoreErrorCode } from "./errors.js";
export { defineEndpoint, type Endpoint } from "./auth/endpoint.js";
export type { RequestContext } from "./auth/request-context.js";
export type { ApiCall, ApiInput, Api } from "./auth/api.js";
export type { HandlerOptions } from "./auth/handler.js";
export { tabSessionHeaders, TAB_SESSION_HEADER, TAB_SESSION_PARAM } from "./auth/tab-session.js";
export type { AuditEvent, AuditSession, RevokeReason } from "./auth/audit.js";
export type { AuthContext } from "./auth/context.js";
export type { KerniaOptions, DatabaseOption, SecondaryStorage, SubscriptionHandlers, SessionCacheOptions, RateLimitRule } from "./options.js";
export type { Plugin, PluginEvents, AnyEndpoint } from "./plugins/types.js";
export type { User, Session, SessionWithUser } from "./db/models.js";
export type { Database } from "./db/schema.js";
export { dialectFromUrl, type DialectName } from "./db/dialect.js";
export { randomId, generateSecret } from "./crypto/random.js";
export { redisStorage, type RedisClient, type RedisSubscriber, type RedisTransaction } from "./storage/redis.js";
