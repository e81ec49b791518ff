import type { RequestHook, Requester } from "./fetcher.js";
import type { QueryStore, WritableQueryStore } from "./query-store.js";
import type { SessionChangeReason } from "./tab-sync.js";
import type { AuthResult, SessionWithUser } from "./types.js";

/**
 * A change this tab made to the session. When `session` is given (even `null`) the session
 * store takes it as the new state; without it the store refetches.
 *
 * @example
 * ```ts
 * await ctx.commit({ reason: "switch", session: result.data });
 * await ctx.commit({ reason: "sign-in" }); // refetch
 * ```
 */
export interface SessionChange {
  reason: SessionChangeReason;
  session?: SessionWithUser | null;
  /** A change only this tab sees (a per-tab switch): other tabs are not told. */
  thisTabOnly?: boolean;
}

/**
 * What a client plugin gets to build its methods with.
 *
 * @example
 * ```ts
 * const actions = (ctx: ClientPluginContext) => ({
 *   ping: () => ctx.request<{ ok: boolean }>("GET", "/ping"),
 * });
 * ```
 */
export interface ClientPluginContext {
  /** Sends a request to the auth server; see {@link Requester}. */
  request: Requester;
  /** The session store (`authClient.store`). */
  session: QueryStore<SessionWithUser>;
  /** Creates a store with the client's focus and cross-tab settings. */
  createStore<T>(load: () => Promise<AuthResult<T | null>>): WritableQueryStore<T>;
  /**
   * Records a change this tab made: updates the session store, runs every `onSessionChange`
   * listener and tells other tabs. Resolves once this tab's subscribed stores are fresh.
   */
  commit(change: SessionChange): Promise<void>;
  /** Runs `listener` after any session change, in this tab or another. Returns unsubscribe. */
  onSessionChange(listener: () => Promise<void> | void): () => void;
  /** Runs `listener` when this tab commits a change, before any store refreshes. Returns unsubscribe. */
  beforeCommit(listener: (change: SessionChange) => void): () => void;
  /** Adds headers to, and may retry, every request the client sends. Returns the removal. */
  addRequestHook(hook: RequestHook): () => void;
}

/**
 * A client plugin: an `id` and the methods it adds to the client. `createAuthClient` infers
 * the client's type from the plugins it is given.
 *
 * @example
 * ```ts
 * const pingClient = (): ClientPlugin<"ping", { ping: () => Promise<AuthResult<{ ok: boolean }>> }> => ({
 *   id: "ping",
 *   actions: (ctx) => ({ ping: () => ctx.request("GET", "/ping") }),
 * });
 * const client = createAuthClient({ baseURL, plugins: [pingClient()] });
 * await client.ping();
 * ```
 */
export interface ClientPlugin<Id extends string = string, Actions extends object = object> {
  id: Id;
  actions(context: ClientPluginContext): Actions;
}

type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void
  ? I
  : never;

/**
 * The methods a tuple of plugins adds to the client.
 *
 * @example
 * ```ts
 * type Extra = InferPluginActions<[ReturnType<typeof multiSessionClient>]>;
 * // { multiSession: MultiSessionActions }
 * ```
 */
export type InferPluginActions<P extends readonly ClientPlugin[]> = UnionToIntersection<
  ReturnType<P[number]["actions"]>
>;
