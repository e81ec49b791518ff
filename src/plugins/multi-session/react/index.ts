/**
 * The multi-session plugin's React parts; re-exported from `kernia/react`.
 *
 * @example
 * ```tsx
 * import { multiSessionPlugin, ManageAccounts } from "kernia/react";
 * ```
 *
 * @module
 */
export { ManageAccount } from "./manage-account.js";
export type { ManageAccountClassNames, ManageAccountProps } from "./manage-account.js";
export { ManageAccounts } from "./manage-accounts.js";
export type { ManageAccountsClassNames } from "./manage-accounts.js";
export { MultiSessionSignOutItems } from "./multi-session-sign-out-items.js";
export { multiSessionPlugin } from "./multi-session-plugin.js";
export type { MultiSessionPluginOptions } from "./multi-session-plugin.js";
export { SwitchAccountSubmenu } from "./switch-account-submenu.js";
export type { SwitchAccountSubmenuClassNames } from "./switch-account-submenu.js";
export { SwitchAccountSubmenuContent } from "./switch-account-submenu-content.js";
export type { SwitchAccountSubmenuContentClassNames } from "./switch-account-submenu-content.js";
export { SwitchAccountSubmenuItem } from "./switch-account-submenu-item.js";
export type {
  SwitchAccountSubmenuItemClassNames,
  SwitchAccountSubmenuItemProps,
} from "./switch-account-submenu-item.js";
export { useListDeviceSessions } from "./use-list-device-sessions.js";
export { useMultiSessionClient } from "./use-multi-session-client.js";
export { useRevokeMultiSession } from "./use-revoke-multi-session.js";
export { useSetActiveSession } from "./use-set-active-session.js";
export { useTabAccount } from "./use-tab-account.js";
