import type { SessionWithUser } from "../client/types.js";
import { useAuthContext } from "./context.js";
import { useQueryStore } from "./use-query-store.js";
import type { QueryResult } from "./use-query-store.js";

/**
 * The active session, kept current across sign-ins, switches, other tabs and window focus.
 * `data` is `null` when signed out (and while `isPending`).
 *
 * @example
 * ```tsx
 * function Greeting() {
 *   const { data, isPending } = useSession();
 *   if (isPending) return null;
 *   return <p>{data ? `Hello, ${data.user.name}` : "Signed out"}</p>;
 * }
 * ```
 */
export function useSession(): QueryResult<SessionWithUser> {
  return useQueryStore(useAuthContext().authClient.store);
}
