// auth-client.ts: Better Auth's client, unchanged, talks to Kernia.
import { createAuthClient } from "better-auth/client";
import { multiSessionClient } from "better-auth/client/plugins";

export const authClient = createAuthClient({ plugins: [multiSessionClient()] });

export async function switchTo(sessionToken: string) {
  return authClient.multiSession.setActive({ sessionToken });
}
