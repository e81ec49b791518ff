// auth-client.ts: the browser's client, with the multi-session calls.
import { createAuthClient } from "kernia/client";
import { multiSessionClient } from "kernia/client/plugins";

export const authClient = createAuthClient({ baseURL: "/api/auth", plugins: [multiSessionClient()] });

export async function signUp(email: string, password: string, name: string) {
  const { data, error } = await authClient.signUp.email({ email, password, name });
  if (error) throw new Error(`${error.code}: ${error.message}`);
  return data.user;
}
