import { ManageAccounts, useSession } from "../../../src/react/index.js";
import { usePageTitle } from "../layout.js";
import { Link } from "../router.js";

/** `/settings`: the Manage accounts card (switch, sign out of one, sign out of all, add). */
export function SettingsPage() {
  const session = useSession();
  usePageTitle("Settings");
  const signedOut = !session.isPending && !session.data && !session.error;

  return (
    <div className="demo-settings">
      <div>
        <h1 className="demo-page-title">Settings</h1>
        <p className="demo-lead">The accounts signed in on this browser.</p>
      </div>
      {signedOut ? (
        <section className="demo-panel" aria-labelledby="signed-out-title">
          <h2 id="signed-out-title">You're signed out</h2>
          <p>No account is signed in on this browser.</p>
          <div className="demo-actions" style={{ marginTop: "1rem" }}>
            <Link href="/sign-in" className="demo-button demo-button--primary">
              Sign in
            </Link>
          </div>
        </section>
      ) : (
        <ManageAccounts />
      )}
    </div>
  );
}
