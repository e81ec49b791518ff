import { useEffect, useRef } from "react";
import type { ReactNode } from "react";
import { UserButton, useSession } from "../../src/react/index.js";
import { authClient } from "./auth-client.js";
import { Link, useLocation } from "./router.js";
import { TabAccountNotice } from "./tab-account.js";

/**
 * Sets the tab's title for the page being shown.
 *
 * @example
 * usePageTitle("Settings"); // "Settings · Kernia demo"
 */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Kernia demo`;
  }, [title]);
}

function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <Link href={href} aria-current={pathname === href ? "page" : undefined}>
      {children}
    </Link>
  );
}

function Header() {
  const session = useSession();
  const signedIn = Boolean(session.data);
  return (
    <header className="demo-header">
      <div className="demo-header__inner">
        <Link href="/" className="demo-brand">
          <span className="demo-brand__mark" aria-hidden="true">
            K
          </span>
          Kernia
          <span className="demo-brand__tag">demo</span>
        </Link>
        {signedIn ? (
          <nav className="demo-nav" aria-label="Main">
            <NavLink href="/">Home</NavLink>
            <NavLink href="/settings">Settings</NavLink>
          </nav>
        ) : null}
        {/* Signed out there is nothing to show here: the page itself offers sign-in. */}
        <div className="demo-header__end">{signedIn || session.isPending ? <UserButton /> : null}</div>
      </div>
    </header>
  );
}

/** Shown when the session cannot be loaded at all, so a dead server never means a blank page. */
function SessionProblem() {
  const session = useSession();
  if (!session.error || session.data) return null;
  return (
    <div role="alert" className="demo-alert demo-banner">
      <span>
        {session.error.status === 0
          ? "Can't reach the server. Check your connection and try again."
          : "Couldn't load your session. Try again in a moment."}
      </span>
      <button type="button" className="demo-button" onClick={() => void authClient.store.refetch()}>
        Try again
      </button>
    </div>
  );
}

/**
 * The frame of every page: the header with the account menu, and the page in <main>. After
 * an in-app navigation focus moves to <main>, so a screen reader starts at the new page.
 *
 * @example
 * <Layout><HomePage /></Layout>
 */
export function Layout({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <>
      <Header />
      <main ref={main} tabIndex={-1} className="demo-main">
        <SessionProblem />
        <TabAccountNotice />
        {children}
      </main>
    </>
  );
}
