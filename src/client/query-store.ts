import type { AuthClientError, AuthResult } from "./types.js";
import { onWindowFocus } from "./window-focus.js";

/**
 * A store's state. `isPending` is true until the first answer; `isRefetching` while a later
 * request is in flight. After a failed refetch `data` keeps its last good value, so a network
 * blip does not look like a sign-out.
 *
 * @example
 * ```ts
 * const { data, isPending, error } = authClient.store.getSnapshot();
 * ```
 */
export interface QueryState<T> {
  data: T | null;
  error: AuthClientError | null;
  isPending: boolean;
  isRefetching: boolean;
}

/**
 * A framework-free store, shaped for React's `useSyncExternalStore` and usable from anything
 * else. The first subscriber triggers a fetch; the snapshot object only changes when the state
 * does.
 *
 * @example
 * ```ts
 * const stop = authClient.store.subscribe(() => {
 *   console.log(authClient.store.getSnapshot().data?.user.email);
 * });
 * await authClient.store.refetch();
 * stop();
 * ```
 */
export interface QueryStore<T> {
  getSnapshot(): QueryState<T>;
  subscribe(listener: () => void): () => void;
  /** Fetches now, superseding any request in flight; resolves with the new state. */
  refetch(): Promise<QueryState<T>>;
}

/**
 * The store as the client and its plugins see it.
 *
 * @example
 * ```ts
 * store.set(switchedTo); // the server already told us the new state
 * await store.invalidate(); // or: refetch if anyone is looking, else on next subscribe
 * ```
 */
export interface WritableQueryStore<T> extends QueryStore<T> {
  /** Replaces the data with a known answer and cancels any request in flight. */
  set(data: T | null): void;
  /** Marks the data stale: refetches now if subscribed, otherwise on the next subscribe. */
  invalidate(): Promise<void>;
}

/**
 * How a store behaves.
 *
 * @example
 * ```ts
 * createQueryStore(load, { refetchOnWindowFocus: true, onSubscribe: openChannel });
 * ```
 */
export interface QueryStoreOptions {
  /** Refetch when the window regains focus or the page becomes visible (browser only). */
  refetchOnWindowFocus?: boolean;
  /** Called on every subscribe; the client uses it to open its cross-tab channel lazily. */
  onSubscribe?: () => void;
}

/**
 * Creates a store whose data comes from `load`.
 *
 * @example
 * ```ts
 * const store = createQueryStore(() => request<SessionWithUser | null>("GET", "/get-session"));
 * ```
 */
export function createQueryStore<T>(
  load: () => Promise<AuthResult<T | null>>,
  options: QueryStoreOptions = {},
): WritableQueryStore<T> {
  let state: QueryState<T> = { data: null, error: null, isPending: true, isRefetching: false };
  const listeners = new Set<() => void>();
  let generation = 0;
  let inFlight: Promise<QueryState<T>> | null = null;
  let stale = true;
  let stopFocus: (() => void) | null = null;

  const setState = (next: QueryState<T>) => {
    state = next;
    for (const listener of [...listeners]) listener();
  };

  const refetch = (): Promise<QueryState<T>> => {
    // Each fetch gets a generation; an answer that arrives after a newer fetch (or a `set`) is
    // dropped, so a slow request can never overwrite fresher state.
    const mine = ++generation;
    if (!state.isPending && !state.isRefetching) setState({ ...state, isRefetching: true });
    const run = load()
      .catch((cause: unknown): AuthResult<T | null> => ({
        data: null,
        error: { status: 0, code: "UNKNOWN_ERROR", message: cause instanceof Error ? cause.message : String(cause) },
      }))
      .then((result) => {
        if (mine !== generation) return state;
        inFlight = null;
        stale = false;
        if (result.error) setState({ data: state.data, error: result.error, isPending: false, isRefetching: false });
        else setState({ data: result.data, error: null, isPending: false, isRefetching: false });
        return state;
      });
    inFlight = run;
    return run;
  };

  const onFocus = () => {
    if (!inFlight) void refetch();
  };

  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      options.onSubscribe?.();
      if (listeners.size === 1 && options.refetchOnWindowFocus) stopFocus = onWindowFocus(onFocus);
      if (stale && !inFlight) void refetch();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stopFocus?.();
          stopFocus = null;
        }
      };
    },
    refetch,
    set(data) {
      generation++;
      inFlight = null;
      stale = false;
      setState({ data, error: null, isPending: false, isRefetching: false });
    },
    async invalidate() {
      stale = true;
      if (listeners.size > 0) await refetch();
    },
  };
}
