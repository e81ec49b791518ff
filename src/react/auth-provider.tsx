import { useMemo } from "react";
import type { ReactNode } from "react";
import type { BaseAuthClient } from "../client/create-auth-client.js";
import { AuthContext } from "./context.js";
import type { AuthContextValue, AuthHrefs } from "./context.js";
import { defaultLocalization, mergeLocalization } from "./localization.js";
import type { Localization } from "./localization.js";
import type { AuthUIPlugin } from "./plugin.js";

/**
 * Props of {@link AuthProvider}.
 *
 * @example
 * ```tsx
 * const props: AuthProviderProps = { authClient, navigate: router.push, hrefs: { settings: "/account" } };
 * ```
 */
export interface AuthProviderProps {
  /** A client from `createAuthClient`; add `multiSessionClient()` for the multi-session parts. */
  authClient: BaseAuthClient;
  /** Your router's navigate. Default: a full page load (`location.assign`). */
  navigate?: (href: string) => void;
  plugins?: readonly AuthUIPlugin[];
  /** Strings to override; these win over the plugins' own. */
  localization?: Partial<Localization>;
  hrefs?: Partial<AuthHrefs>;
  children?: ReactNode;
}

// One shared empty list: a fresh `[]` default would change the context value on every render.
const noPlugins: readonly AuthUIPlugin[] = [];

const defaultHrefs: AuthHrefs = { settings: "/settings", signIn: "/sign-in", addAccount: "/sign-in?add=1" };

function assignLocation(href: string): void {
  if (typeof window !== "undefined") window.location.assign(href);
}

/**
 * Makes the client, navigation, plugins and strings available to Kernia's hooks and components.
 *
 * @example
 * ```tsx
 * import { AuthProvider, UserButton, multiSessionPlugin } from "kernia/react";
 *
 * <AuthProvider authClient={authClient} navigate={router.push} plugins={[multiSessionPlugin()]}>
 *   <UserButton />
 * </AuthProvider>
 * ```
 */
export function AuthProvider({
  authClient,
  navigate = assignLocation,
  plugins = noPlugins,
  localization,
  hrefs,
  children,
}: AuthProviderProps) {
  const value = useMemo<AuthContextValue>(
    () => ({
      authClient,
      navigate,
      plugins,
      localization: mergeLocalization(defaultLocalization, ...plugins.map((plugin) => plugin.localization), localization),
      hrefs: {
        settings: hrefs?.settings ?? defaultHrefs.settings,
        signIn: hrefs?.signIn ?? defaultHrefs.signIn,
        addAccount: hrefs?.addAccount ?? defaultHrefs.addAccount,
      },
    }),
    [authClient, navigate, plugins, localization, hrefs],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
