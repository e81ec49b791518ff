import type { BaseAuthClient } from "../../../client/create-auth-client.js";
import { useAuthContext } from "../../../react/context.js";
import type { MultiSessionActions } from "../client.js";

function hasMultiSession(client: BaseAuthClient): client is BaseAuthClient & { multiSession: MultiSessionActions } {
  return "multiSession" in client && typeof client.multiSession === "object" && client.multiSession !== null;
}

/**
 * The provider's client's `multiSession` methods. Throws a clear error when the client was
 * created without `multiSessionClient()`: that is a setup mistake, not a runtime state.
 *
 * @example
 * ```tsx
 * const multiSession = useMultiSessionClient();
 * await multiSession.setActive({ sessionId });
 * ```
 */
export function useMultiSessionClient(): MultiSessionActions {
  const { authClient } = useAuthContext();
  if (!hasMultiSession(authClient)) {
    throw new Error("Kernia: multi-session components need `plugins: [multiSessionClient()]` in createAuthClient.");
  }
  return authClient.multiSession;
}
