import type { ComponentType } from "react";
import type { Localization } from "./localization.js";

/**
 * A UI plugin: what it adds to the components. Each slot is narrow and optional.
 *
 * @example
 * ```tsx
 * const helpPlugin = (): AuthUIPlugin => ({
 *   id: "help",
 *   userButtonItems: () => <DropdownMenu.Item onSelect={openHelp}>Help</DropdownMenu.Item>,
 * });
 * <AuthProvider authClient={authClient} plugins={[helpPlugin()]}>…</AuthProvider>
 * ```
 */
export interface AuthUIPlugin {
  id: string;
  /** Strings this plugin sets; `<AuthProvider localization>` still wins over them. */
  localization?: Partial<Localization>;
  /** Rendered inside `<UserButton>`'s menu, after the account header. Menu items only. */
  userButtonItems?: ComponentType;
  /** Replaces `<UserButton>`'s "Sign out" item. The last plugin that sets it wins. */
  userButtonSignOut?: ComponentType;
  /** Cards for the account settings page, rendered by `<AccountCards>`. */
  accountCards?: ReadonlyArray<ComponentType<{ className?: string }>>;
}
