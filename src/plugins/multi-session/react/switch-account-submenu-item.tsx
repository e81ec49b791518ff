import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import type { DeviceSession } from "../../../client/types.js";
import { AccountLabel } from "../../../react/account-label.js";
import { cx } from "../../../react/class-names.js";
import { useAuthContext } from "../../../react/context.js";
import { CheckIcon } from "../../../react/icons.js";
import { Spinner } from "../../../react/spinner.js";
import { UserAvatar } from "../../../react/user-avatar.js";

/**
 * Per-slot class names of {@link SwitchAccountSubmenuItem}.
 *
 * @example
 * ```tsx
 * <SwitchAccountSubmenuItem {...props} classNames={{ avatar: "size-6" }} />
 * ```
 */
export interface SwitchAccountSubmenuItemClassNames {
  avatar?: string;
  name?: string;
  email?: string;
  indicator?: string;
}

/**
 * Props of {@link SwitchAccountSubmenuItem}.
 *
 * @example
 * ```tsx
 * <SwitchAccountSubmenuItem deviceSession={entry} isCurrent isSwitching={false} onSwitch={switchTo} />
 * ```
 */
export interface SwitchAccountSubmenuItemProps {
  deviceSession: DeviceSession;
  /** Marks the row checked. Decide it by session id, never user id. */
  isCurrent: boolean;
  /** Shows a spinner and disables the row while a switch to it is in flight. */
  isSwitching: boolean;
  onSwitch: (deviceSession: DeviceSession) => void;
  className?: string;
  classNames?: SwitchAccountSubmenuItemClassNames;
}

/**
 * One account in the "Switch Account" submenu: a radio item (checked for the current account)
 * with avatar, name and email. Must be inside a `DropdownMenu.RadioGroup` whose value is the
 * current session's id.
 *
 * @example
 * ```tsx
 * <DropdownMenu.RadioGroup value={currentSessionId}>
 *   <SwitchAccountSubmenuItem deviceSession={entry} isCurrent={false} isSwitching={false} onSwitch={switchTo} />
 * </DropdownMenu.RadioGroup>
 * ```
 */
export function SwitchAccountSubmenuItem({
  deviceSession,
  isCurrent,
  isSwitching,
  onSwitch,
  className,
  classNames,
}: SwitchAccountSubmenuItemProps) {
  const { localization } = useAuthContext();
  return (
    <DropdownMenu.RadioItem
      value={deviceSession.session.id}
      disabled={isSwitching}
      aria-busy={isSwitching || undefined}
      data-current={isCurrent ? "" : undefined}
      className={cx("kernia-menu-item kernia-account", className)}
      onSelect={(event) => {
        if (isCurrent) return; // selecting the current account just closes the menu
        // Keep the menu open so the spinner shows; the submenu closes it once switched.
        event.preventDefault();
        onSwitch(deviceSession);
      }}
    >
      <UserAvatar user={deviceSession.user} className={classNames?.avatar} />
      <AccountLabel user={deviceSession.user} classNames={{ name: classNames?.name, email: classNames?.email }} />
      <span className={cx("kernia-menu-item__end", classNames?.indicator)}>
        {isSwitching ? (
          <>
            <Spinner />
            <span className="kernia-sr-only">{localization.switching}</span>
          </>
        ) : (
          <DropdownMenu.ItemIndicator>
            <CheckIcon />
            <span className="kernia-sr-only">{localization.currentAccount}</span>
          </DropdownMenu.ItemIndicator>
        )}
      </span>
    </DropdownMenu.RadioItem>
  );
}
