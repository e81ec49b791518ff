import type { ReactNode } from "react";
import { UserAvatar, accountName, useListDeviceSessions, useSession } from "../../../src/react/index.js";
import type { SessionWithUser } from "../../../src/client/index.js";
import { LeaveIcon, SwitchIcon, TabsIcon } from "../icons.js";
import { usePageTitle } from "../layout.js";
import { Link } from "../router.js";
import { ThisTabPanel } from "../tab-account.js";

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function Feature({ icon, title, children }: { icon: ReactNode; title: string; children: ReactNode }) {
  return (
    <section className="demo-panel demo-feature">
      <h2>
        <span className="demo-feature__icon" aria-hidden="true">
          {icon}
        </span>
        {title}
      </h2>
      <p>{children}</p>
    </section>
  );
}

function SignedOut() {
  return (
    <div className="demo-stack">
      <section className="demo-hero" aria-labelledby="hero-title">
        <p className="demo-eyebrow">Multi-session authentication for TypeScript</p>
        <h1 id="hero-title">Several accounts. One browser.</h1>
        <p>
          Sign up a few accounts, then switch between them from the account menu, without signing in again. Every
          open tab follows along.
        </p>
        <div className="demo-actions">
          <Link href="/sign-up" className="demo-button demo-button--primary">
            Sign up
          </Link>
          <Link href="/sign-in" className="demo-button">
            Sign in
          </Link>
        </div>
      </section>
      <div className="demo-grid">
        <Feature icon={<SwitchIcon />} title="Switch in one click">
          Several accounts stay signed in at once, and the account menu lists them all.
        </Feature>
        <Feature icon={<TabsIcon />} title="Every tab in step">
          Switch in one tab and the others show the same account within a moment.
        </Feature>
        <Feature icon={<LeaveIcon />} title="Sign out one, or all">
          Remove a single account from this browser, or every one of them at once.
        </Feature>
      </div>
    </div>
  );
}

function SignedIn({ active }: { active: SessionWithUser }) {
  const accounts = useListDeviceSessions();
  const count = accounts.data?.length;
  const { user, session } = active;
  return (
    <div className="demo-stack">
      <div>
        <h1 className="demo-page-title">Welcome, {accountName(user)}</h1>
        <p className="demo-lead">
          You are signed in as <strong>{user.email}</strong>.
        </p>
      </div>
      <div className="demo-grid">
        <section className="demo-panel" aria-labelledby="active-title">
          <h2 id="active-title" className="kernia-sr-only">
            Active account
          </h2>
          <div className="demo-profile">
            <UserAvatar user={user} />
            <div className="demo-profile__text">
              <span className="demo-profile__name">{accountName(user)}</span>
              <span className="demo-profile__email">{user.email}</span>
            </div>
          </div>
          <dl className="demo-facts">
            <dt>Signed in</dt>
            <dd>{dateTime.format(session.createdAt)}</dd>
            <dt>Session ends</dt>
            <dd>{dateTime.format(session.expiresAt)}</dd>
          </dl>
        </section>
        <section className="demo-panel" aria-labelledby="device-title">
          <h2 id="device-title">On this browser</h2>
          <p>
            {count === undefined
              ? "Loading accounts…"
              : `${count} ${count === 1 ? "account is" : "accounts are"} signed in. Switch from the account menu at the top right.`}
          </p>
          <div className="demo-avatars" aria-hidden="true">
            {(accounts.data ?? []).map((entry) => (
              <UserAvatar key={entry.session.id} user={entry.user} />
            ))}
          </div>
          <div className="demo-actions">
            <Link href="/settings" className="demo-button">
              Manage accounts
            </Link>
            <Link href="/sign-in?add=1" className="demo-button">
              Add another account
            </Link>
          </div>
        </section>
        <ThisTabPanel />
      </div>
    </div>
  );
}

/** `/`: an introduction when signed out; the active account and this browser's others when in. */
export function HomePage() {
  const session = useSession();
  usePageTitle(session.data ? "Home" : "Welcome");
  if (session.isPending) return <p className="demo-loading">Loading…</p>;
  return session.data ? <SignedIn active={session.data} /> : <SignedOut />;
}
