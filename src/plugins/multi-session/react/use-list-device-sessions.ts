import type { DeviceSession } from "../../../client/types.js";
import { useQueryStore } from "../../../react/use-query-store.js";
import type { QueryResult } from "../../../react/use-query-store.js";
import { useMultiSessionClient } from "./use-multi-session-client.js";

/**
 * The accounts signed in on this device (one per user), loaded on first use and refetched
 * after any sign-in, switch or sign-out in this tab or another, and on window focus.
 *
 * @example
 * ```tsx
 * function AccountCount() {
 *   const { data, isPending } = useListDeviceSessions();
 *   return isPending ? null : <span>{data?.length ?? 0} accounts</span>;
 * }
 * ```
 */
export function useListDeviceSessions(): QueryResult<DeviceSession[]> {
  return useQueryStore(useMultiSessionClient().store);
}
