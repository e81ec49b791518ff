import type { CallOptions } from "../../client/fetcher.js";
import type { ClientPlugin } from "../../client/plugin.js";
import type { WritableQueryStore } from "../../client/query-store.js";
import type { AuthResult, DeviceSession, SessionWithUser } from "../../client/types.js";

/**
 * Which listed session a call is about: its token, or (so an app can keep tokens out of
 * JavaScript) its id. Exactly one of the two.
 *
 * @example
 * ```ts
 * const target: DeviceSessionTarget = { sessionId: entry.session.id };
 * ```
 */
export type DeviceSessionTarget = { sessionToken: string; sessionId?: never } | { sessionId: string; sessionToken?: never };

/**
 * The answer to `POST /multi-session/revoke`: the revoked session is gone and `active` is the
 * state the browser is in now (`null` when no account is left signed in).
 *
 * @example
 * ```ts
 * const { data } = await authClient.multiSession.revoke({ sessionId });
 * if (data && !data.active) navigate("/sign-in");
 * ```
 */
export interface RevokeDeviceSessionResponse {
  status: true;
  active: SessionWithUser | null;
}

/**
 * The methods `multiSessionClient()` adds under `authClient.multiSession`.
 *
 * @example
 * ```ts
 * const { data: accounts } = await authClient.multiSession.listDeviceSessions();
 * await authClient.multiSession.setActive({ sessionId: accounts![1]!.session.id });
 * ```
 */
export interface MultiSessionActions {
  /** Accounts signed in on this device, one per user, valid sessions only. */
  listDeviceSessions(options?: CallOptions): Promise<AuthResult<DeviceSession[]>>;
  /** Makes a listed session the active one. */
  setActive(target: DeviceSessionTarget, options?: CallOptions): Promise<AuthResult<SessionWithUser>>;
  /** Signs one listed account out; if it was active the next most recent becomes active. */
  revoke(target: DeviceSessionTarget, options?: CallOptions): Promise<AuthResult<RevokeDeviceSessionResponse>>;
  /** The device-session list as a store, refetched after any session change in any tab. */
  store: WritableQueryStore<DeviceSession[]>;
}

/**
 * The multi-session client plugin.
 *
 * @example
 * ```ts
 * import { createAuthClient } from "kernia/client";
 * import { multiSessionClient } from "kernia/client/plugins";
 *
 * const authClient = createAuthClient({ baseURL: "/api/auth", plugins: [multiSessionClient()] });
 * await authClient.multiSession.setActive({ sessionId });
 * ```
 */
export function multiSessionClient(): ClientPlugin<"multi-session", { multiSession: MultiSessionActions }> {
  return {
    id: "multi-session",
    actions(ctx) {
      const listDeviceSessions = (options?: CallOptions) =>
        ctx.request<DeviceSession[]>("GET", "/multi-session/list-device-sessions", undefined, options);
      const store = ctx.createStore(() => listDeviceSessions());
      ctx.onSessionChange(() => store.invalidate());

      return {
        multiSession: {
          listDeviceSessions,
          async setActive(target, options) {
            const result = await ctx.request<SessionWithUser>("POST", "/multi-session/set-active", target, options);
            if (result.data) await ctx.commit({ reason: "switch", session: result.data });
            return result;
          },
          async revoke(target, options) {
            const result = await ctx.request<RevokeDeviceSessionResponse>("POST", "/multi-session/revoke", target, options);
            // The answer already says which account is active now: no get-session round trip.
            if (result.data) await ctx.commit({ reason: "revoke", session: result.data.active });
            return result;
          },
          store,
        },
      };
    },
  };
}
