// server.ts: Kernia at /api/auth, with multi-session
import { createServer } from "node:http";
import { kernia } from "kernia";
import { multiSession } from "kernia/plugins";
import { toNodeHandler } from "kernia/node";

export const auth = kernia({
  database: "sqlite:.kernia/kernia.db",
  secret: process.env.KERNIA_SECRET,
  plugins: [multiSession({ maximum: 5 })],
});
await auth.migrate();
createServer(toNodeHandler(auth)).listen(3000);

// app.tsx: the client, the provider and the account switcher
import { createAuthClient } from "kernia/client";
import { multiSessionClient } from "kernia/client/plugins";
import { AuthProvider, ManageAccounts, UserButton, multiSessionPlugin } from "kernia/react";
import "kernia/react/styles.css";

const authClient = createAuthClient({ baseURL: "/api/auth", plugins: [multiSessionClient()] });

export function App() {
  return (
    <AuthProvider authClient={authClient} plugins={[multiSessionPlugin()]}>
      <UserButton />
      <ManageAccounts />
    </AuthProvider>
  );
}
