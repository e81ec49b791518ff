import type { NamedMigration } from "../db/migrate.js";
import type { SessionWithUser } from "../db/models.js";
import type { Endpoint } from "../auth/endpoint.js";
import type { RequestContext } from "../auth/request-context.js";
import type { KerniaOptions } from "../options.js";
import type { AuthContext } from "../auth/context.js";

/** An endpoint of any body and result, as plugins list them. */
export type AnyEndpoint = Endpoint<unknown, unknown>;

/**
 * Named events a plugin may listen to. Each fires only where it happens, never after every
 * endpoint, and runs inside the request, so it can set cookies on the response.
 */
export interface PluginEvents {
  /** A session was created and its cookie set (sign-in, sign-up, any later sign-in method). */
  sessionCreated?(ctx: RequestContext, created: SessionWithUser): Promise<void>;
  /** Sessions were deleted by a revoke endpoint or by expiry. */
  sessionsRevoked?(ctx: RequestContext, tokens: readonly string[]): Promise<void>;
  /** The browser signs out; runs before the active session is deleted and its cookies cleared. */
  signOut?(ctx: RequestContext): Promise<void>;
}

/**
 * What a plugin contributes. A plugin is a function returning this plain object.
 *
 * @example
 * const hello = (): Plugin => ({
 *   id: "hello",
 *   endpoints: { hello: defineEndpoint({ method: "GET", path: "/hello", handler: async () => ({ hi: true }) }) },
 * });
 */
export interface Plugin<E extends Record<string, AnyEndpoint> = Record<string, AnyEndpoint>> {
  id: string;
  endpoints?: E;
  /** UPPER_SNAKE code → default message. */
  errorCodes?: Record<string, string>;
  /** Migrations, named so they sort after the core's (e.g. `"multi-session/0001_…"`). */
  migrations?: readonly NamedMigration[];
  /** Throws `KerniaConfigError` for bad options; runs once in `kernia()`. */
  validate?(options: KerniaOptions): void;
  /** Receives the resolved context once, after validation: resolve per-startup state here. */
  init?(context: AuthContext): void;
  events?: PluginEvents;
  /**
   * The session tokens this browser proves it holds (verified cookies only, no database access).
   * A tab's choice of account (`x-kernia-session-id`) is honoured only among these; without a
   * plugin that lists them, only the session cookie's.
   */
  deviceTokens?(ctx: RequestContext): Promise<readonly string[]>;
}
