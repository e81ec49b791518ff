// tab-notice.tsx: tell the user when this tab's account was signed out elsewhere.
import { useSession, useTabAccount } from "kernia/react";

export function TabNotice() {
  const { notice, dismissNotice } = useTabAccount();
  const session = useSession();
  if (!notice) return null;
  return (
    <div role="status">
      The account this tab was using was signed out elsewhere; it now shows{" "}
      {session.data?.user.email ?? "no account"}.
      <button onClick={dismissNotice}>OK</button>
    </div>
  );
}
