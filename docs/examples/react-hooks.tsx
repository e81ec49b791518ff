// account-list.tsx: your own account list from the hooks, inside <AuthProvider>.
import { useListDeviceSessions, useRevokeMultiSession, useSession, useSetActiveSession } from "kernia/react";

export function AccountList() {
  const session = useSession();
  const accounts = useListDeviceSessions();
  const switcher = useSetActiveSession();
  const revoke = useRevokeMultiSession();

  if (accounts.isPending) return <p>Loading…</p>;
  if (accounts.error) return <button onClick={() => void accounts.refetch()}>Try again</button>;
  return (
    <ul>
      {(accounts.data ?? []).map(({ session: listed, user }) => (
        <li key={listed.id}>
          {user.name || user.email}
          {listed.id === session.data?.session.id ? (
            " (current)"
          ) : (
            <button
              disabled={switcher.isPending}
              onClick={() => void switcher.mutate({ sessionId: listed.id })}
            >
              Switch
            </button>
          )}
          <button disabled={revoke.isPending} onClick={() => void revoke.mutate({ sessionId: listed.id })}>
            Sign out
          </button>
        </li>
      ))}
    </ul>
  );
}
