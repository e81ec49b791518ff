// providers.tsx: every prop of AuthProvider, with a router's navigate and French strings.
import type { ReactNode } from "react";
import { AuthProvider, multiSessionPlugin } from "kernia/react";
import type { AuthHrefs, Localization } from "kernia/react";
import "kernia/react/styles.css";
import { authClient } from "./getting-started-client.js";

// Stable references: AuthProvider recomputes its context when any prop changes identity.
const plugins = [multiSessionPlugin({ localization: { switchAccount: "Changer de compte" } })];
const localization: Partial<Localization> = { signOut: "Se déconnecter", addAccount: "Ajouter un compte" };
const hrefs: Partial<AuthHrefs> = { settings: "/account", signIn: "/login", addAccount: "/login?add=1" };

export function Providers({ navigate, children }: { navigate: (href: string) => void; children: ReactNode }) {
  return (
    <AuthProvider authClient={authClient} navigate={navigate} plugins={plugins} localization={localization} hrefs={hrefs}>
      {children}
    </AuthProvider>
  );
}
