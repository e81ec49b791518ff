/**
 * Calls `callback` when the page becomes visible again or its window regains focus. Returns a
 * function that stops listening. Outside a browser (SSR, Node) it does nothing.
 *
 * Both events usually fire together when a user returns to a tab; callers dedupe.
 *
 * @example
 * ```ts
 * const stop = onWindowFocus(() => void store.refetch());
 * ```
 */
export function onWindowFocus(callback: () => void): () => void {
  if (typeof window === "undefined" || typeof document === "undefined") return () => {};
  const onVisibility = () => {
    if (document.visibilityState === "visible") callback();
  };
  window.addEventListener("focus", callback);
  document.addEventListener("visibilitychange", onVisibility);
  return () => {
    window.removeEventListener("focus", callback);
    document.removeEventListener("visibilitychange", onVisibility);
  };
}
