import type { AuthClientError } from "../client/types.js";

/**
 * Every string the components show, with English defaults in {@link defaultLocalization}.
 * Override any of them through `<AuthProvider localization>` or
 * `multiSessionPlugin({ localization })`. `{name}` in a template is replaced by the account's
 * name (or email when it has none).
 *
 * @example
 * ```tsx
 * <AuthProvider authClient={authClient} localization={{ signOut: "Se déconnecter" }}>
 *   <UserButton />
 * </AuthProvider>
 * ```
 */
export interface Localization {
  signIn: string;
  signOut: string;
  signOutOfAllAccounts: string;
  switchAccount: string;
  addAccount: string;
  manageAccounts: string;
  manageAccountsDescription: string;
  /** Marks the active account in lists. */
  currentAccount: string;
  switchToAccount: string;
  /** Accessible name of a row's switch button. */
  switchToAccountLabel: string;
  /** Accessible name of a row's sign-out button. */
  signOutAccountLabel: string;
  /** Accessible name of an account's "Open in new tab" link (per-tab mode). */
  openInNewTabLabel: string;
  /** Accessible name of the user button's trigger, e.g. "Account menu for Ada". */
  userMenuLabel: string;
  switching: string;
  signingOut: string;
  loading: string;
  noAccounts: string;
  retry: string;
  accountsLoadError: string;
  sessionLoadError: string;
  switchError: string;
  signOutError: string;
  /** Shown instead of the above when the server could not be reached at all. */
  networkError: string;
  /** Shown when the server no longer knows the session a button pointed at. */
  sessionExpired: string;
}

/**
 * The English strings.
 *
 * @example
 * ```ts
 * const french: Partial<Localization> = { ...someOverrides, switchAccount: "Changer de compte" };
 * console.log(defaultLocalization.switchAccount); // "Switch Account"
 * ```
 */
export const defaultLocalization: Localization = {
  signIn: "Sign in",
  signOut: "Sign out",
  signOutOfAllAccounts: "Sign out of all accounts",
  switchAccount: "Switch Account",
  addAccount: "Add Account",
  manageAccounts: "Manage Accounts",
  manageAccountsDescription: "Accounts signed in on this device.",
  currentAccount: "Current",
  switchToAccount: "Switch",
  switchToAccountLabel: "Switch to {name}",
  signOutAccountLabel: "Sign out {name}",
  openInNewTabLabel: "Open {name} in a new tab",
  userMenuLabel: "Account menu for {name}",
  switching: "Switching…",
  signingOut: "Signing out…",
  loading: "Loading…",
  noAccounts: "No accounts are signed in on this device.",
  retry: "Try again",
  accountsLoadError: "Couldn't load your accounts.",
  sessionLoadError: "Couldn't load your account.",
  switchError: "Couldn't switch accounts.",
  signOutError: "Couldn't sign out.",
  networkError: "Can't reach the server. Check your connection and try again.",
  sessionExpired: "That session has expired. Sign in to it again.",
};

/**
 * Lays `overrides` over `base`, skipping keys set to `undefined` so a partial object never
 * blanks a string.
 *
 * @example
 * ```ts
 * mergeLocalization(defaultLocalization, { signOut: "Log out" }).signOut; // "Log out"
 * ```
 */
export function mergeLocalization(
  base: Localization,
  ...overrides: Array<Partial<Localization> | undefined>
): Localization {
  const merged = { ...base };
  for (const override of overrides) {
    if (!override) continue;
    for (const key of Object.keys(override) as Array<keyof Localization>) {
      const value = override[key];
      if (typeof value === "string") merged[key] = value;
    }
  }
  return merged;
}

/**
 * Fills `{name}`-style placeholders.
 *
 * @example
 * ```ts
 * formatMessage("Switch to {name}", { name: "Ada" }); // "Switch to Ada"
 * ```
 */
export function formatMessage(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
}

/**
 * The message to show for a failed call: the network message when no answer came back, the
 * expiry message for a session the server no longer knows, `fallback` otherwise. Server
 * messages are never shown raw: they are English and not written for end users.
 *
 * @example
 * ```ts
 * describeError(result.error, localization, localization.switchError);
 * ```
 */
export function describeError(error: AuthClientError, localization: Localization, fallback: string): string {
  if (error.status === 0) return localization.networkError;
  if (error.code === "INVALID_SESSION_TOKEN") return localization.sessionExpired;
  return fallback;
}
