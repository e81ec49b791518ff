import { createContext, useContext } from "react";
import type { BaseAuthClient } from "../client/create-auth-client.js";
import type { Localization } from "./localization.js";
import type { AuthUIPlugin } from "./plugin.js";

/**
 * Where the components send the user.
 *
 * @example
 * ```tsx
 * <AuthProvider authClient={authClient} hrefs={{ settings: "/account" }}>…</AuthProvider>
 * ```
 */
export interface AuthHrefs {
  /** "Manage accounts" in the user button. Default `/settings`. */
  settings: string;
  /** Where to go when no account is left signed in. Default `/sign-in`. */
  signIn: string;
  /** "Add account": a sign-in page that keeps the current accounts. Default `/sign-in?add=1`. */
  addAccount: string;
}

/**
 * What `<AuthProvider>` gives the components below it.
 *
 * @example
 * ```tsx
 * const { navigate, hrefs }: AuthContextValue = useAuthContext();
 * ```
 */
export interface AuthContextValue {
  authClient: BaseAuthClient;
  navigate: (href: string) => void;
  localization: Localization;
  plugins: readonly AuthUIPlugin[];
  hrefs: AuthHrefs;
}

/**
 * @internal Exported for `<AuthProvider>` only; read it with {@link useAuthContext}.
 *
 * @example
 * ```tsx
 * <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
 * ```
 */
export const AuthContext = createContext<AuthContextValue | null>(null);

/**
 * The nearest `<AuthProvider>`'s client, navigation, strings, plugins and hrefs.
 *
 * @example
 * ```tsx
 * function SignOutLink() {
 *   const { authClient, localization } = useAuthContext();
 *   return <button onClick={() => void authClient.signOut()}>{localization.signOut}</button>;
 * }
 * ```
 */
export function useAuthContext(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("Kernia: this component must be rendered inside <AuthProvider>.");
  return value;
}
