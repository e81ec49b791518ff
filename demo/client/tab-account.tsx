import { useEffect, useState } from "react";
import { TAB_SESSION_HEADER } from "../../src/client/index.js";
import { accountName, useSession, useTabAccount } from "../../src/react/index.js";

/**
 * Says so when this tab's own account was signed out elsewhere and the tab fell back to the
 * browser's active account.
 */
export function TabAccountNotice() {
  const { notice, dismissNotice } = useTabAccount();
  const session = useSession();
  if (!notice) return null;
  const now = session.data ? `This tab now shows ${accountName(session.data.user)}.` : "No account is signed in now.";
  return (
    <div role="status" className="demo-alert demo-banner" data-testid="tab-notice">
      <span>The account this tab was using was signed out in another tab. {now}</span>
      <button type="button" className="demo-button" onClick={dismissNotice}>
        Dismiss
      </button>
    </div>
  );
}

/** What the app's own API (`/api/me`, which asks `auth.api.getSession`) says this tab is. */
function useApiAccount(): string | null {
  const session = useSession();
  const { sessionId } = useTabAccount();
  const [email, setEmail] = useState<string | null>(null);
  // Asked again whenever the tab shows another session or changes its choice.
  const shown = session.data?.session.id;
  useEffect(() => {
    let live = true;
    fetch("/api/me", { headers: sessionId === null ? {} : { [TAB_SESSION_HEADER]: sessionId } })
      .then(async (response) => (response.ok ? ((await response.json()) as { email: string | null }).email : null))
      .then((answer) => live && setEmail(answer))
      .catch(() => live && setEmail(null));
    return () => {
      live = false;
    };
  }, [shown, sessionId]);
  return email;
}

/** The home page's "This tab" panel: which account the tab acts as, and the API agreeing. */
export function ThisTabPanel() {
  const { sessionId, perTab, followBrowser } = useTabAccount();
  const apiEmail = useApiAccount();
  if (!perTab) return null;
  return (
    <section className="demo-panel" aria-labelledby="tab-title">
      <h2 id="tab-title">This tab</h2>
      <p data-testid="tab-mode">
        {sessionId === null
          ? "This tab follows the account you switch to."
          : "This tab stays on its own account, whatever other tabs switch to."}
      </p>
      <p>
        The app's API sees: <strong data-testid="api-account">{apiEmail ?? "…"}</strong>
      </p>
      {sessionId !== null ? (
        <div className="demo-actions">
          <button type="button" className="demo-button" onClick={() => void followBrowser()}>
            Follow the other tabs
          </button>
        </div>
      ) : null}
    </section>
  );
}
