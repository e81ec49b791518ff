import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import type { DeviceSession } from "../../../client/types.js";
import { AccountSkeleton } from "../../../react/account-skeleton.js";
import { cx } from "../../../react/class-names.js";
import { useAuthContext } from "../../../react/context.js";
import { PlusIcon } from "../../../react/icons.js";
import { describeError } from "../../../react/localization.js";
import { useSession } from "../../../react/use-session.js";
import { useUserButtonMenu } from "../../../react/user-button-menu.js";
import { orderAccounts } from "./order-accounts.js";
import { SwitchAccountSubmenuItem } from "./switch-account-submenu-item.js";
import type { SwitchAccountSubmenuItemClassNames } from "./switch-account-submenu-item.js";
import { useListDeviceSessions } from "./use-list-device-sessions.js";
import { useSetActiveSession } from "./use-set-active-session.js";

/**
 * Per-slot class names of {@link SwitchAccountSubmenuContent}.
 *
 * @example
 * ```tsx
 * <SwitchAccountSubmenuContent classNames={{ item: "menu-item", addAccount: "font-medium" }} />
 * ```
 */
export interface SwitchAccountSubmenuContentClassNames {
  item?: string;
  account?: SwitchAccountSubmenuItemClassNames;
  skeleton?: string;
  message?: string;
  separator?: string;
  addAccount?: string;
}

const SKELETON_ROWS = 2;

/**
 * The items of the "Switch Account" submenu: the accounts on this device (current first, with a
 * check mark), skeleton rows while they load, a message if they cannot be loaded, and
 * "Add account". Renders menu items only; put it in a `DropdownMenu.SubContent` or `Content`.
 * Inside `<UserButton>` the menu closes once a switch is done; in your own menu it stays open
 * and the check mark moves.
 *
 * @example
 * ```tsx
 * <DropdownMenu.SubContent>
 *   <SwitchAccountSubmenuContent />
 * </DropdownMenu.SubContent>
 * ```
 */
export function SwitchAccountSubmenuContent({ classNames }: { classNames?: SwitchAccountSubmenuContentClassNames }) {
  const { localization, navigate, hrefs } = useAuthContext();
  const session = useSession();
  const list = useListDeviceSessions();
  const switcher = useSetActiveSession();
  const menu = useUserButtonMenu();
  const currentId = session.data?.session.id;
  const itemClass = cx("kernia-menu-item", classNames?.item);
  const messageClass = cx("kernia-menu-item kernia-menu-message", classNames?.message);

  const switchTo = (entry: DeviceSession) => {
    if (switcher.isPending) return;
    void switcher.mutate({ sessionId: entry.session.id }).then((result) => {
      if (!result.error) menu?.close();
    });
  };

  const accounts = list.data ? orderAccounts(list.data, currentId) : null;

  return (
    <>
      {list.isPending
        ? Array.from({ length: SKELETON_ROWS }, (_, index) => (
            <DropdownMenu.Item key={index} disabled aria-label={localization.loading} className={itemClass}>
              <AccountSkeleton className={classNames?.skeleton} />
            </DropdownMenu.Item>
          ))
        : null}
      {accounts && accounts.length === 0 ? (
        <DropdownMenu.Item disabled className={messageClass}>
          {localization.noAccounts}
        </DropdownMenu.Item>
      ) : null}
      {accounts && accounts.length > 0 ? (
        <DropdownMenu.RadioGroup value={currentId ?? ""}>
          {accounts.map((entry) => (
            <SwitchAccountSubmenuItem
              key={entry.session.id}
              deviceSession={entry}
              isCurrent={entry.session.id === currentId}
              isSwitching={switcher.isPending && switcher.variables?.sessionId === entry.session.id}
              onSwitch={switchTo}
              className={classNames?.item}
              classNames={classNames?.account}
            />
          ))}
        </DropdownMenu.RadioGroup>
      ) : null}
      {list.error ? (
        <>
          <DropdownMenu.Item disabled className={messageClass}>
            {describeError(list.error, localization, localization.accountsLoadError)}
          </DropdownMenu.Item>
          <DropdownMenu.Item
            className={itemClass}
            onSelect={(event) => {
              event.preventDefault();
              void list.refetch();
            }}
          >
            {localization.retry}
          </DropdownMenu.Item>
        </>
      ) : null}
      {switcher.error ? (
        <DropdownMenu.Item disabled className={messageClass}>
          {describeError(switcher.error, localization, localization.switchError)}
        </DropdownMenu.Item>
      ) : null}
      <DropdownMenu.Separator className={cx("kernia-menu-separator", classNames?.separator)} />
      <DropdownMenu.Item className={cx(itemClass, classNames?.addAccount)} onSelect={() => navigate(hrefs.addAccount)}>
        <PlusIcon />
        <span>{localization.addAccount}</span>
      </DropdownMenu.Item>
    </>
  );
}
