import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Fragment } from "react";
import { tabSessionURL } from "../../../client/tab-session.js";
import type { DeviceSession } from "../../../client/types.js";
import { accountName } from "../../../react/account-label.js";
import { AccountSkeleton } from "../../../react/account-skeleton.js";
import { cx } from "../../../react/class-names.js";
import { useAuthContext } from "../../../react/context.js";
import { ExternalLinkIcon, PlusIcon } from "../../../react/icons.js";
import { describeError, formatMessage } from "../../../react/localization.js";
import { useSession } from "../../../react/use-session.js";
import { useUserButtonMenu } from "../../../react/user-button-menu.js";
import { orderAccounts } from "./order-accounts.js";
import { SwitchAccountSubmenuItem } from "./switch-account-submenu-item.js";
import type { SwitchAccountSubmenuItemClassNames } from "./switch-account-submenu-item.js";
import { useListDeviceSessions } from "./use-list-device-sessions.js";
import { useMultiSessionClient } from "./use-multi-session-client.js";
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
  /** The "Open in new tab" link beside each account (per-tab mode). */
  openInNewTab?: string;
}

const SKELETON_ROWS = 2;

/**
 * The items of the "Switch Account" submenu: the accounts on this device (current first, with a
 * check mark), skeleton rows while they load, a message if they cannot be loaded, and
 * "Add account". In per-tab mode (`multiSessionClient({ perTab: true })`) each account also has
 * an "Open in new tab" link: a real link, so a middle-click or a modified click works too. Renders
 * menu items only; put it in a `DropdownMenu.SubContent` or `Content`.
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
  const { perTab } = useMultiSessionClient();
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
  // A link removed from the page during its own click is not followed: the menu closes only after
  // the browser has opened the tab.
  const keepLinkUntilFollowed = (event: Event) => {
    event.preventDefault();
    setTimeout(() => menu?.close(), 0);
  };

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
          {accounts.map((entry) => {
            const row = (
              <SwitchAccountSubmenuItem
                deviceSession={entry}
                isCurrent={entry.session.id === currentId}
                isSwitching={switcher.isPending && switcher.variables?.sessionId === entry.session.id}
                onSwitch={switchTo}
                className={classNames?.item}
                classNames={classNames?.account}
              />
            );
            if (!perTab) return <Fragment key={entry.session.id}>{row}</Fragment>;
            return (
              <div key={entry.session.id} className="kernia-account-row">
                {row}
                <DropdownMenu.Item
                  asChild
                  className={cx("kernia-menu-item kernia-menu-item--icon", classNames?.openInNewTab)}
                  onSelect={keepLinkUntilFollowed}
                >
                  <a
                    href={tabSessionURL(entry.session.id)}
                    target="_blank"
                    rel="noopener"
                    aria-label={formatMessage(localization.openInNewTabLabel, { name: accountName(entry.user) })}
                    title={formatMessage(localization.openInNewTabLabel, { name: accountName(entry.user) })}
                  >
                    <ExternalLinkIcon />
                  </a>
                </DropdownMenu.Item>
              </div>
            );
          })}
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
