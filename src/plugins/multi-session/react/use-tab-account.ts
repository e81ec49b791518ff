import { useSyncExternalStore } from "react";
import type { TabAccountState } from "../../../client/tab-session.js";
import type { MultiSessionActions, TabAccount } from "../client.js";
import { useMultiSessionClient } from "./use-multi-session-client.js";

const FOLLOWING: TabAccountState = { sessionId: null, notice: null };
const following = () => FOLLOWING;
const noSubscription = () => () => {};

/**
 * What this tab acts as, in per-tab mode (`multiSessionClient({ perTab: true })`), and the
 * actions that change it. `sessionId` is `null` while the tab follows the browser's active
 * account; `notice` is set when the tab's account was signed out elsewhere and the tab fell
 * back, until `dismissNotice()`.
 *
 * @example
 * ```tsx
 * function TabNotice() {
 *   const { notice, dismissNotice } = useTabAccount();
 *   if (!notice) return null;
 *   return <p role="status">That account was signed out. <button onClick={dismissNotice}>OK</button></p>;
 * }
 * ```
 */
export function useTabAccount(): TabAccountState & {
  perTab: boolean;
  dismissNotice(): void;
  switchThisTab: MultiSessionActions["switchThisTab"];
  followBrowser(): Promise<void>;
  headers(): Record<string, string>;
} {
  const multiSession = useMultiSessionClient();
  // A client built before per-tab accounts existed (or a test double) has no `tab`: it follows.
  const tab: TabAccount | undefined = multiSession.tab;
  const state = useSyncExternalStore(tab?.subscribe ?? noSubscription, tab?.getSnapshot ?? following, following);
  return {
    ...state,
    perTab: multiSession.perTab ?? false,
    dismissNotice: () => tab?.dismissNotice(),
    switchThisTab: (target, options) => multiSession.switchThisTab(target, options),
    followBrowser: () => multiSession.followBrowser(),
    headers: () => tab?.headers() ?? {},
  };
}
