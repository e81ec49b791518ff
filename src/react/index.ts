/**
 * `kernia/react`: hooks and components over the `kernia/client` store. Import the default
 * look with `import "kernia/react/styles.css"`.
 *
 * @example
 * ```tsx
 * import { AuthProvider, UserButton, ManageAccounts, multiSessionPlugin } from "kernia/react";
 * import "kernia/react/styles.css";
 *
 * <AuthProvider authClient={authClient} navigate={navigate} plugins={[multiSessionPlugin()]}>
 *   <UserButton />
 * </AuthProvider>
 * ```
 *
 * @module
 */
export { AccountCards } from "./account-cards.js";
export { AccountLabel, accountName } from "./account-label.js";
export type { AccountLabelClassNames } from "./account-label.js";
export { AccountSkeleton } from "./account-skeleton.js";
export { AuthProvider } from "./auth-provider.js";
export type { AuthProviderProps } from "./auth-provider.js";
export { useAuthContext } from "./context.js";
export type { AuthContextValue, AuthHrefs } from "./context.js";
export { cx } from "./class-names.js";
export { defaultLocalization, describeError, formatMessage, mergeLocalization } from "./localization.js";
export type { Localization } from "./localization.js";
export type { AuthUIPlugin } from "./plugin.js";
export { SignOutItem } from "./sign-out-item.js";
export { Spinner } from "./spinner.js";
export { useMutation } from "./use-mutation.js";
export type { Mutation } from "./use-mutation.js";
export { useQueryStore } from "./use-query-store.js";
export type { QueryResult } from "./use-query-store.js";
export { useSession } from "./use-session.js";
export { UserAvatar } from "./user-avatar.js";
export type { UserAvatarClassNames, UserAvatarProps } from "./user-avatar.js";
export { UserButton } from "./user-button.js";
export type { UserButtonClassNames, UserButtonProps } from "./user-button.js";
export { useUserButtonMenu } from "./user-button-menu.js";
export type { UserButtonMenu } from "./user-button-menu.js";
export * from "../plugins/multi-session/react/index.js";
