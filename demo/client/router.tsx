import { useSyncExternalStore } from "react";
import type { AnchorHTMLAttributes, MouseEvent } from "react";

// A router the size of the demo: four pages, the History API, nothing to configure.

const CHANGE = "demo:navigate";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/**
 * The current path and query, re-rendering on every navigation.
 *
 * @example
 * const { pathname, search } = useLocation();
 * const adding = search.get("add") === "1";
 */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, snapshot, () => "/");
  const url = new URL(href, "http://demo.invalid");
  return { pathname: url.pathname, search: url.searchParams };
}

/**
 * Goes to `href` within the app without a page load. Kernia's components call it through
 * `<AuthProvider navigate>`.
 *
 * @example
 * navigate("/settings");
 */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (href === snapshot()) return;
  if (options.replace) window.history.replaceState(null, "", href);
  else window.history.pushState(null, "", href);
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(CHANGE));
}

/**
 * An `<a>` that navigates in-app on a plain left click and behaves as a normal link otherwise
 * (new tab, copy link, modifier keys).
 *
 * @example
 * <Link href="/sign-up">Sign up</Link>
 */
export function Link({ href, onClick, ...props }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={follow} {...props} />;
}
