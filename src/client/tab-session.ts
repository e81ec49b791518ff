/**
 * Per-tab accounts: which of the browser's signed-in accounts this tab acts as. The choice lives
 * in `sessionStorage` (one per tab, kept across reloads) and travels on every request in the
 * `x-kernia-session-id` header; a page opened from {@link tabSessionURL} starts with the choice
 * its link names.
 *
 * @module
 */

import { TAB_SESSION_HEADER, TAB_SESSION_PARAM } from "../tab-session-wire.js";

export { TAB_SESSION_HEADER, TAB_SESSION_PARAM };

const STORAGE_KEY = "kernia.tab-session";

/**
 * A link to the current page (or `href`) acting as the account of `sessionId` when opened, for
 * "Open in new tab". Server-rendered pages read the same parameter (`tabSessionHeaders`).
 *
 * @example
 * ```ts
 * const link = tabSessionURL(entry.session.id); // "https://app.example/inbox?kernia_session=…"
 * ```
 */
export function tabSessionURL(sessionId: string, href?: string): string {
  const here = globalThis.location?.href;
  const target = href ?? here;
  if (target === undefined) return `?${TAB_SESSION_PARAM}=${encodeURIComponent(sessionId)}`;
  const url = new URL(target, here ?? "http://localhost/");
  url.searchParams.set(TAB_SESSION_PARAM, sessionId);
  // Relative in, relative out: a path given during server rendering stays a path.
  return href !== undefined && !/^[a-z][a-z0-9+.-]*:/i.test(href) ? `${url.pathname}${url.search}${url.hash}` : url.href;
}

/**
 * Why a tab stopped acting as its chosen account: the session was signed out or revoked
 * elsewhere (or expired), so the tab now shows the browser's active account.
 *
 * @example
 * ```ts
 * const notice: TabNotice = { reason: "unavailable", sessionId: "s_2" };
 * ```
 */
export interface TabNotice {
  reason: "unavailable";
  /** The session id the tab had chosen. */
  sessionId: string;
}

/**
 * What a tab acts as: `sessionId` when pinned to one account, `null` when it follows the
 * browser's active account; `notice` says why a pin was dropped, until dismissed.
 *
 * @example
 * ```ts
 * const state: TabAccountState = { sessionId: null, notice: null };
 * ```
 */
export interface TabAccountState {
  sessionId: string | null;
  notice: TabNotice | null;
}

/**
 * The tab's choice, observable (`subscribe`/`getSnapshot`, for React's `useSyncExternalStore`).
 *
 * @example
 * ```ts
 * const pin = createTabPin();
 * pin.set("s_2"); // this tab now acts as that account
 * ```
 */
export interface TabPin {
  getSnapshot(): TabAccountState;
  subscribe(listener: () => void): () => void;
  /** Pins the tab to `sessionId`, or (`null`) lets it follow the browser again. */
  set(sessionId: string | null): void;
  /** Drops the pin because its session is gone, and leaves a notice saying so. */
  drop(): void;
  dismissNotice(): void;
}

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    // A sandboxed frame or disabled storage: the choice lasts as long as the page.
    return null;
  }
}

/** Keeps the address bar's `kernia_session` in step, so a reload cannot revive a dropped choice. */
function syncAddress(sessionId: string | null): void {
  const { location, history } = globalThis;
  if (!location || !history) return;
  const url = new URL(location.href);
  if (!url.searchParams.has(TAB_SESSION_PARAM)) return;
  if (sessionId === null) url.searchParams.delete(TAB_SESSION_PARAM);
  else url.searchParams.set(TAB_SESSION_PARAM, sessionId);
  history.replaceState(history.state, "", url.href);
}

/**
 * Creates the tab's pin: from the page address's `kernia_session` when present (a link opened in
 * a new tab), else from `sessionStorage` (a reload), else unpinned.
 *
 * @example
 * ```ts
 * const pin = createTabPin();
 * const headers = pin.getSnapshot().sessionId ? { [TAB_SESSION_HEADER]: pin.getSnapshot().sessionId! } : {};
 * ```
 */
export function createTabPin(): TabPin {
  const store = storage();
  const fromAddress = globalThis.location ? new URL(globalThis.location.href).searchParams.get(TAB_SESSION_PARAM) : null;
  let state: TabAccountState = { sessionId: fromAddress || store?.getItem(STORAGE_KEY) || null, notice: null };
  const listeners = new Set<() => void>();

  const update = (next: TabAccountState) => {
    state = next;
    if (next.sessionId === null) store?.removeItem(STORAGE_KEY);
    else store?.setItem(STORAGE_KEY, next.sessionId);
    syncAddress(next.sessionId);
    for (const listener of listeners) listener();
  };
  if (state.sessionId !== null) store?.setItem(STORAGE_KEY, state.sessionId);

  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    set(sessionId) {
      if (sessionId !== state.sessionId || state.notice) update({ sessionId, notice: null });
    },
    drop() {
      if (state.sessionId !== null) update({ sessionId: null, notice: { reason: "unavailable", sessionId: state.sessionId } });
    },
    dismissNotice() {
      if (state.notice) update({ ...state, notice: null });
    },
  };
}
