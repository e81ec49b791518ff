// auth-client.ts with Kernia's client: the same methods and { data, error } results, plus
// { sessionId } targets (no token in JavaScript) and the account that is active after a revoke.
import { createAuthClient } from "kernia/client";
import { multiSessionClient } from "kernia/client/plugins";

export const authClient = createAuthClient({ baseURL: "/api/auth", plugins: [multiSessionClient()] });

export async function signOutOf(sessionId: string) {
  const { data, error } = await authClient.multiSession.revoke({ sessionId });
  if (error) throw new Error(error.message);
  return data.active; // { session, user } of the account now active, or null
}
