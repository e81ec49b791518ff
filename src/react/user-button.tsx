import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { useMemo, useState } from "react";
import { AccountLabel, accountName } from "./account-label.js";
import { AccountSkeleton } from "./account-skeleton.js";
import { cx } from "./class-names.js";
import { useAuthContext } from "./context.js";
import { SettingsIcon } from "./icons.js";
import { describeError, formatMessage } from "./localization.js";
import { SignOutItem } from "./sign-out-item.js";
import { UserAvatar } from "./user-avatar.js";
import { UserButtonMenuContext } from "./user-button-menu.js";
import type { UserButtonMenu } from "./user-button-menu.js";
import { useSession } from "./use-session.js";

/**
 * Per-slot class names of {@link UserButton}.
 *
 * @example
 * ```tsx
 * <UserButton classNames={{ trigger: "rounded-full", content: "w-64" }} />
 * ```
 */
export interface UserButtonClassNames {
  trigger?: string;
  avatar?: string;
  name?: string;
  email?: string;
  content?: string;
  header?: string;
  item?: string;
  separator?: string;
  skeleton?: string;
  signIn?: string;
}

/**
 * Props of {@link UserButton}.
 *
 * @example
 * ```tsx
 * <UserButton className="ml-auto" align="start" />
 * ```
 */
export interface UserButtonProps {
  className?: string;
  classNames?: UserButtonClassNames;
  /** Which edge of the trigger the menu lines up with. Default `"end"`. */
  align?: "start" | "center" | "end";
}

/**
 * The signed-in account as a button with a menu: the plugins' items (the "Switch Account"
 * submenu with `multiSessionPlugin()`), "Manage accounts" and "Sign out". Shows a skeleton while
 * the session loads, a "Sign in" button when signed out, and a message with "Try again" when the
 * session could not be loaded at all.
 *
 * @example
 * ```tsx
 * <header>
 *   <Logo />
 *   <UserButton align="end" />
 * </header>
 * ```
 */
export function UserButton({ className, classNames, align = "end" }: UserButtonProps) {
  const { localization, navigate, plugins, hrefs } = useAuthContext();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const menu = useMemo<UserButtonMenu>(() => ({ close: () => setOpen(false) }), []);

  if (session.isPending) {
    return (
      <button
        type="button"
        disabled
        aria-busy="true"
        className={cx("kernia-user-button", className, classNames?.trigger)}
      >
        <AccountSkeleton className={classNames?.skeleton} />
        <span className="kernia-sr-only">{localization.loading}</span>
      </button>
    );
  }

  const user = session.data?.user;
  if (!user && session.error) {
    // The first load failed (a failed refetch keeps the last account): say so, offer a retry.
    return (
      <button
        type="button"
        className={cx("kernia-user-button kernia-user-button--error", className, classNames?.trigger)}
        onClick={() => void session.refetch()}
      >
        <span className="kernia-error">{describeError(session.error, localization, localization.sessionLoadError)}</span>
        <span>{localization.retry}</span>
      </button>
    );
  }
  if (!user) {
    return (
      <button
        type="button"
        className={cx("kernia-button kernia-button--primary", className, classNames?.signIn)}
        onClick={() => navigate(hrefs.signIn)}
      >
        {localization.signIn}
      </button>
    );
  }

  const itemClass = cx("kernia-menu-item", classNames?.item);
  // The trigger shows name and email, so its accessible name carries both (WCAG 2.5.3, label in
  // name): a speech-input user can say what they see.
  const triggerLabel = formatMessage(localization.userMenuLabel, { name: accountName(user) });
  const PluginSignOut = plugins.findLast((plugin) => plugin.userButtonSignOut)?.userButtonSignOut;

  return (
    <UserButtonMenuContext.Provider value={menu}>
      {/* Not modal: a modal Radix menu aria-hides the page while leaving its controls focusable
          (axe: aria-hidden-focus), and the WAI-ARIA menu button pattern traps nothing. Keyboard
          behaviour is unchanged: arrows, Escape, and focus back on the trigger. */}
      <DropdownMenu.Root open={open} onOpenChange={setOpen} modal={false}>
        <DropdownMenu.Trigger
          className={cx("kernia-user-button", className, classNames?.trigger)}
          aria-label={user.name.trim() ? `${triggerLabel}, ${user.email}` : triggerLabel}
        >
          <UserAvatar user={user} className={classNames?.avatar} />
          <AccountLabel user={user} classNames={{ name: classNames?.name, email: classNames?.email }} />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content
            align={align}
            sideOffset={6}
            collisionPadding={8}
            className={cx("kernia-menu", classNames?.content)}
          >
            <DropdownMenu.Label className={cx("kernia-menu-header kernia-account", classNames?.header)}>
              <UserAvatar user={user} className={classNames?.avatar} />
              <AccountLabel user={user} classNames={{ name: classNames?.name, email: classNames?.email }} />
            </DropdownMenu.Label>
            <DropdownMenu.Separator className={cx("kernia-menu-separator", classNames?.separator)} />
            {plugins.map((plugin) => {
              const Items = plugin.userButtonItems;
              return Items ? <Items key={plugin.id} /> : null;
            })}
            <DropdownMenu.Item className={itemClass} onSelect={() => navigate(hrefs.settings)}>
              <SettingsIcon />
              <span>{localization.manageAccounts}</span>
            </DropdownMenu.Item>
            <DropdownMenu.Separator className={cx("kernia-menu-separator", classNames?.separator)} />
            {PluginSignOut ? <PluginSignOut /> : <SignOutItem className={classNames?.item} />}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
    </UserButtonMenuContext.Provider>
  );
}
