import type { CallOptions } from "../../client/fetcher.js";
import type { ClientPlugin } from "../../client/plugin.js";
import type { WritableQueryStore } from "../../client/query-store.js";
import { createTabPin, TAB_SESSION_HEADER, type TabAccountState, type TabPin } from "../../client/tab-session.js";
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
  /** Whether this client runs in per-tab mode (`multiSessionClient({ perTab: true })`). */
  perTab: boolean;
  /**
   * What this tab acts as (per-tab mode): its chosen session id, or `null` when it follows the
   * browser's active account, and a notice when a choice was dropped because its session ended.
   * `subscribe`/`getSnapshot` suit React's `useSyncExternalStore`.
   */
  tab: TabAccount;
  /**
   * Per-tab mode: this tab acts as the listed account `sessionId` from now on (and after reloads);
   * other tabs and the browser's active account stay as they are. Resolves to that account's
   * session, or an error (the tab's choice is then unchanged).
   */
  switchThisTab(target: { sessionId: string }, options?: CallOptions): Promise<AuthResult<SessionWithUser>>;
  /** Makes the account active for the browser and lets this tab follow it (`setActive`). */
  switchEverywhere(target: DeviceSessionTarget, options?: CallOptions): Promise<AuthResult<SessionWithUser>>;
  /** Per-tab mode: drops this tab's choice, so it acts as the browser's active account again. */
  followBrowser(): Promise<void>;
}

/**
 * A tab's account choice as observed by the UI.
 *
 * @example
 * ```ts
 * const { sessionId, notice } = authClient.multiSession.tab.getSnapshot();
 * ```
 */
export interface TabAccount {
  getSnapshot(): TabAccountState;
  subscribe(listener: () => void): () => void;
  dismissNotice(): void;
  /**
   * The header to add to the app's own API calls so its routes (`auth.api.getSession`) see this
   * tab's account: `{ "x-kernia-session-id": id }` when pinned, `{}` when following the browser.
   */
  headers(): Record<string, string>;
}

/**
 * Options for {@link multiSessionClient}.
 *
 * @example
 * ```ts
 * const options: MultiSessionClientOptions = { perTab: true };
 * ```
 */
export interface MultiSessionClientOptions {
  /**
   * Lets each tab act as its own account of the browser's list (`switchThisTab`, links from
   * `tabSessionURL`), kept in `sessionStorage` and sent as the `x-kernia-session-id` header.
   * Needs a Kernia server (Better Auth ignores the header). Default `false`.
   */
  perTab?: boolean;
}

/** A pin that never pins: the tab always follows the browser. */
const unpinned: TabPin = {
  getSnapshot: () => FOLLOWING,
  subscribe: () => () => {},
  set: () => {},
  drop: () => {},
  dismissNotice: () => {},
};
const FOLLOWING: TabAccountState = { sessionId: null, notice: null };

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
export function multiSessionClient(
  options: MultiSessionClientOptions = {},
): ClientPlugin<"multi-session", { multiSession: MultiSessionActions }> {
  const perTab = options.perTab ?? false;
  return {
    id: "multi-session",
    actions(ctx) {
      // Only a browser tab has a tab to pin; on a server the client follows its cookies.
      const pin = perTab && typeof window !== "undefined" ? createTabPin() : unpinned;
      const pinned = () => pin.getSnapshot().sessionId;
      const tabHeaders = (): Record<string, string> => {
        const sessionId = pinned();
        return sessionId === null ? {} : { [TAB_SESSION_HEADER]: sessionId };
      };
      ctx.addRequestHook({
        headers: tabHeaders,
        // The tab's account was signed out elsewhere: follow the browser's, say so, ask again.
        retry: (error, sent) => {
          if (error.code !== "TAB_SESSION_UNAVAILABLE" || sent.get(TAB_SESSION_HEADER) !== pinned()) return false;
          pin.drop();
          return true;
        },
      });
      // Signing in, up or out is about the whole browser: the tab follows the account it lands on.
      ctx.beforeCommit((change) => {
        if (!change.thisTabOnly && change.reason !== "switch" && change.reason !== "revoke") pin.set(null);
      });

      const listDeviceSessions = (callOptions?: CallOptions) =>
        ctx.request<DeviceSession[]>("GET", "/multi-session/list-device-sessions", undefined, callOptions);
      const store = ctx.createStore(() => listDeviceSessions());
      ctx.onSessionChange(() => store.invalidate());

      async function setActive(target: DeviceSessionTarget, callOptions?: CallOptions) {
        const result = await ctx.request<SessionWithUser>("POST", "/multi-session/set-active", target, callOptions);
        if (result.data) {
          pin.set(null);
          await ctx.commit({ reason: "switch", session: result.data });
        }
        return result;
      }

      return {
        multiSession: {
          listDeviceSessions,
          setActive,
          switchEverywhere: setActive,
          async revoke(target, callOptions) {
            const result = await ctx.request<RevokeDeviceSessionResponse>("POST", "/multi-session/revoke", target, callOptions);
            if (!result.data) return result;
            // Revoking the tab's own account from this tab: it follows the browser, no notice needed.
            if (target.sessionId !== undefined && target.sessionId === pinned()) pin.set(null);
            // The answer already says which account the browser is on now: no get-session round
            // trip, unless this tab acts as another account, which it then asks for.
            await ctx.commit(pinned() === null ? { reason: "revoke", session: result.data.active } : { reason: "revoke" });
            return result;
          },
          async switchThisTab(target, callOptions) {
            const headers = new Headers(callOptions?.headers);
            headers.set(TAB_SESSION_HEADER, target.sessionId);
            const result = await ctx.request<SessionWithUser | null>("GET", "/get-session", undefined, { ...callOptions, headers });
            if (result.error) return result;
            if (!result.data) return { data: null, error: { status: 401, code: "TAB_SESSION_UNAVAILABLE", message: "No such account on this browser" } };
            pin.set(target.sessionId);
            await ctx.commit({ reason: "switch", session: result.data, thisTabOnly: true });
            return { data: result.data, error: null };
          },
          async followBrowser() {
            if (pinned() === null) return;
            pin.set(null);
            await ctx.commit({ reason: "switch", thisTabOnly: true });
          },
          store,
          perTab,
          tab: {
            getSnapshot: pin.getSnapshot,
            subscribe: pin.subscribe,
            dismissNotice: pin.dismissNotice,
            headers: tabHeaders,
          },
        },
      };
    },
  };
}
