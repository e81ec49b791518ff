import { createRequester } from "./fetcher.js";
import type { CallOptions, FetchOptions, RequestHook } from "./fetcher.js";
import type { ClientPlugin, ClientPluginContext, InferPluginActions, SessionChange } from "./plugin.js";
import { createQueryStore } from "./query-store.js";
import type { QueryStore } from "./query-store.js";
import { createTabSync } from "./tab-sync.js";
import type {
  AuthResult,
  Session,
  SessionWithUser,
  SignInEmailInput,
  SignInEmailResponse,
  SignUpEmailInput,
  SignUpEmailResponse,
} from "./types.js";

/**
 * Options for {@link createAuthClient}.
 *
 * @example
 * ```ts
 * const options: AuthClientOptions<[ReturnType<typeof multiSessionClient>]> = {
 *   baseURL: "/api/auth",
 *   plugins: [multiSessionClient()],
 * };
 * ```
 */
export interface AuthClientOptions<P extends readonly ClientPlugin[] = readonly ClientPlugin[]> {
  /** Where the auth endpoints live, e.g. `"/api/auth"` or `"http://localhost:3000/api/auth"`. */
  baseURL: string;
  plugins?: P;
  fetchOptions?: FetchOptions;
  /** Refetch the session when the window regains focus (browser only). Default `true`. */
  refetchOnWindowFocus?: boolean;
  /** Tell other tabs about session changes and follow theirs. Default `true`. */
  crossTab?: boolean;
}

/**
 * The client's own methods, present whatever plugins are added.
 *
 * @example
 * ```ts
 * function greet(client: BaseAuthClient) {
 *   return client.getSession().then(({ data }) => data?.user.name ?? "stranger");
 * }
 * ```
 */
export interface BaseAuthClient {
  signUp: { email(input: SignUpEmailInput, options?: CallOptions): Promise<AuthResult<SignUpEmailResponse>> };
  signIn: { email(input: SignInEmailInput, options?: CallOptions): Promise<AuthResult<SignInEmailResponse>> };
  /** Signs out every account on this device and clears the session cookies. */
  signOut(options?: CallOptions): Promise<AuthResult<{ success: boolean }>>;
  /** The active session, or `data: null` when signed out. */
  getSession(options?: CallOptions): Promise<AuthResult<SessionWithUser | null>>;
  /** Every session of the signed-in user, on any device. */
  listSessions(options?: CallOptions): Promise<AuthResult<Session[]>>;
  revokeSession(input: { token: string }, options?: CallOptions): Promise<AuthResult<{ status: boolean }>>;
  revokeSessions(options?: CallOptions): Promise<AuthResult<{ status: boolean }>>;
  revokeOtherSessions(options?: CallOptions): Promise<AuthResult<{ status: boolean }>>;
  /** The live session state; bind it to a UI with `subscribe`/`getSnapshot`. */
  store: QueryStore<SessionWithUser>;
  /** Stops following and notifying other tabs (stores drop their focus listeners when unsubscribed). */
  dispose(): void;
}

/**
 * A client with the methods of its plugins `P`.
 *
 * @example
 * ```ts
 * type Client = AuthClient<[ReturnType<typeof multiSessionClient>]>;
 * ```
 */
export type AuthClient<P extends readonly ClientPlugin[] = []> = BaseAuthClient & InferPluginActions<P>;

/**
 * Creates a client for a Kernia (or Better Auth) server. Every method resolves to
 * `{ data, error }` and never throws; methods that change the session keep `client.store`
 * current and tell the app's other tabs.
 *
 * @example
 * ```ts
 * import { createAuthClient } from "kernia/client";
 * import { multiSessionClient } from "kernia/client/plugins";
 *
 * export const authClient = createAuthClient({ baseURL: "/api/auth", plugins: [multiSessionClient()] });
 * const { data, error } = await authClient.signIn.email({ email: "ada@example.com", password });
 * ```
 */
export function createAuthClient<const P extends readonly ClientPlugin[] = []>(
  options: AuthClientOptions<P>,
): AuthClient<P> {
  const hooks: RequestHook[] = [];
  const request = createRequester({ baseURL: options.baseURL, hooks, ...(options.fetchOptions && { fetchOptions: options.fetchOptions }) });
  const tabs = options.crossTab === false ? null : createTabSync();
  const listeners = new Set<() => Promise<void> | void>();
  const commitListeners = new Set<(change: SessionChange) => void>();
  const cleanups: Array<() => void> = [];
  let following = false;

  const runListeners = async () => {
    await Promise.all([...listeners].map((listener) => listener()));
  };

  // Open the channel when someone first watches a store: creating a client during SSR opens
  // nothing, and a tab that shows no session has nothing to refresh.
  const followOtherTabs = () => {
    if (following || !tabs) return;
    following = true;
    cleanups.push(
      tabs.subscribe(() => {
        void session.invalidate();
        void runListeners();
      }),
    );
  };

  const createStore: ClientPluginContext["createStore"] = (load) =>
    createQueryStore(load, {
      refetchOnWindowFocus: options.refetchOnWindowFocus ?? true,
      onSubscribe: followOtherTabs,
    });

  const session = createStore<SessionWithUser>(() => request<SessionWithUser | null>("GET", "/get-session"));

  const commit = async (change: SessionChange) => {
    for (const listener of commitListeners) listener(change);
    if (!change.thisTabOnly) tabs?.post(change.reason);
    const refreshSession = "session" in change ? session.set(change.session ?? null) : session.invalidate();
    await Promise.all([refreshSession, runListeners()]);
  };

  const context: ClientPluginContext = {
    request,
    session,
    createStore,
    commit,
    onSessionChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    beforeCommit(listener) {
      commitListeners.add(listener);
      return () => {
        commitListeners.delete(listener);
      };
    },
    addRequestHook(hook) {
      hooks.push(hook);
      return () => {
        const at = hooks.indexOf(hook);
        if (at !== -1) hooks.splice(at, 1);
      };
    },
  };

  const base: BaseAuthClient = {
    signUp: {
      async email(input, callOptions) {
        const result = await request<SignUpEmailResponse>("POST", "/sign-up/email", input, callOptions);
        if (result.data?.token) await commit({ reason: "sign-up" });
        return result;
      },
    },
    signIn: {
      async email(input, callOptions) {
        const result = await request<SignInEmailResponse>("POST", "/sign-in/email", input, callOptions);
        if (result.data) await commit({ reason: "sign-in" });
        return result;
      },
    },
    async signOut(callOptions) {
      const result = await request<{ success: boolean }>("POST", "/sign-out", {}, callOptions);
      if (result.data) await commit({ reason: "sign-out", session: null });
      return result;
    },
    getSession: (callOptions) => request<SessionWithUser | null>("GET", "/get-session", undefined, callOptions),
    listSessions: (callOptions) => request<Session[]>("GET", "/list-sessions", undefined, callOptions),
    async revokeSession(input, callOptions) {
      const result = await request<{ status: boolean }>("POST", "/revoke-session", input, callOptions);
      if (result.data) await commit({ reason: "revoke" });
      return result;
    },
    async revokeSessions(callOptions) {
      const result = await request<{ status: boolean }>("POST", "/revoke-sessions", {}, callOptions);
      if (result.data) await commit({ reason: "revoke" });
      return result;
    },
    async revokeOtherSessions(callOptions) {
      const result = await request<{ status: boolean }>("POST", "/revoke-other-sessions", {}, callOptions);
      if (result.data) await commit({ reason: "revoke" });
      return result;
    },
    store: session,
    dispose() {
      for (const cleanup of cleanups.splice(0)) cleanup();
      tabs?.close();
      listeners.clear();
      commitListeners.clear();
    },
  };

  const extensions = (options.plugins ?? []).map((plugin) => plugin.actions(context));
  // Plugin methods are typed by `InferPluginActions<P>`; merging them is the one place the
  // compiler cannot follow, because the tuple is only known to the caller.
  return Object.assign(base, ...extensions) as AuthClient<P>;
}
