import type { Localization } from "../../../react/localization.js";
import type { AuthUIPlugin } from "../../../react/plugin.js";
import { ManageAccounts } from "./manage-accounts.js";
import { MultiSessionSignOutItems } from "./multi-session-sign-out-items.js";
import { SwitchAccountSubmenu } from "./switch-account-submenu.js";

/**
 * Options of {@link multiSessionPlugin}.
 *
 * @example
 * ```ts
 * multiSessionPlugin({ localization: { addAccount: "Ajouter un compte" } });
 * ```
 */
export interface MultiSessionPluginOptions {
  /** Strings to override, e.g. `{ switchAccount: "Changer de compte" }`. */
  localization?: Partial<Localization>;
}

/**
 * The multi-session UI plugin: adds the "Switch Account" submenu and per-account "Sign out" /
 * "Sign out of all accounts" to `<UserButton>`, and `<ManageAccounts>` to `<AccountCards>`. The
 * client needs `multiSessionClient()`.
 *
 * @example
 * ```tsx
 * <AuthProvider
 *   authClient={authClient}
 *   navigate={navigate}
 *   plugins={[multiSessionPlugin({ localization: { switchAccount: "Changer de compte" } })]}
 * >
 *   {children}
 * </AuthProvider>
 * ```
 */
export function multiSessionPlugin(options: MultiSessionPluginOptions = {}): AuthUIPlugin {
  return {
    id: "multi-session",
    ...(options.localization && { localization: options.localization }),
    userButtonItems: SwitchAccountSubmenu,
    userButtonSignOut: MultiSessionSignOutItems,
    accountCards: [ManageAccounts],
  };
}
