// auth-client.ts (browser)
import { createAuthClient } from "kernia/client"; // or "better-auth/client"
import { multiSessionClient } from "kernia/client/plugins"; // or "better-auth/client/plugins"

export const authClient = createAuthClient({ baseURL: "/api/auth", plugins: [multiSessionClient()] });
