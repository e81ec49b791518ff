import { useMutation } from "../../../react/use-mutation.js";
import type { Mutation } from "../../../react/use-mutation.js";
import type { DeviceSessionTarget, RevokeDeviceSessionResponse } from "../client.js";
import { useMultiSessionClient } from "./use-multi-session-client.js";

/**
 * Signs one account out of this device. The answer's `active` is the account now active
 * (`null` when none is left); the session store takes it directly and the list is refetched.
 *
 * @example
 * ```tsx
 * const revoke = useRevokeMultiSession();
 * const result = await revoke.mutate({ sessionId: entry.session.id });
 * if (result.data && !result.data.active) navigate("/sign-in");
 * ```
 */
export function useRevokeMultiSession(): Mutation<DeviceSessionTarget, RevokeDeviceSessionResponse> {
  const multiSession = useMultiSessionClient();
  return useMutation((target: DeviceSessionTarget) => multiSession.revoke(target));
}
