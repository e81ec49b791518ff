import type { DeviceSession } from "../../../client/types.js";

/**
 * The current account first, the rest in the server's order. "Current" is decided by
 * session id: after a switch the same user can appear under a new session, and a user id would
 * mark the wrong row.
 *
 * @example
 * ```ts
 * const rows = orderAccounts(deviceSessions, session?.session.id);
 * ```
 */
export function orderAccounts(accounts: readonly DeviceSession[], currentSessionId: string | undefined): DeviceSession[] {
  const current = accounts.filter((entry) => entry.session.id === currentSessionId);
  const others = accounts.filter((entry) => entry.session.id !== currentSessionId);
  return [...current, ...others];
}
