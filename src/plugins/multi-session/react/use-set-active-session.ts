import type { SessionWithUser } from "../../../client/types.js";
import { useMutation } from "../../../react/use-mutation.js";
import type { Mutation } from "../../../react/use-mutation.js";
import type { DeviceSessionTarget } from "../client.js";
import { useMultiSessionClient } from "./use-multi-session-client.js";

/**
 * Switches the active account. On success the session and the device-session list are fresh
 * before `mutate` resolves, and other tabs follow.
 *
 * @example
 * ```tsx
 * const { mutate, isPending, variables } = useSetActiveSession();
 * <button
 *   disabled={isPending}
 *   aria-busy={isPending && variables?.sessionId === entry.session.id}
 *   onClick={() => void mutate({ sessionId: entry.session.id })}
 * >
 *   Switch
 * </button>
 * ```
 */
export function useSetActiveSession(): Mutation<DeviceSessionTarget, SessionWithUser> {
  const multiSession = useMultiSessionClient();
  return useMutation((target: DeviceSessionTarget) => multiSession.setActive(target));
}
