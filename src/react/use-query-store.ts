import { useSyncExternalStore } from "react";
import type { QueryState, QueryStore } from "../client/query-store.js";

/**
 * A store's state plus its `refetch`.
 *
 * @example
 * ```tsx
 * const { data, isPending, error, refetch } = useSession();
 * ```
 */
export type QueryResult<T> = QueryState<T> & { refetch: () => Promise<QueryState<T>> };

/**
 * Binds a client store to React with `useSyncExternalStore` (React 18 and 19). The server
 * snapshot is the store's current one, so SSR renders the pending state.
 *
 * @example
 * ```tsx
 * const { data } = useQueryStore(authClient.store);
 * ```
 */
export function useQueryStore<T>(store: QueryStore<T>): QueryResult<T> {
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  return { ...state, refetch: store.refetch };
}
