import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { cx } from "../../../react/class-names.js";
import { useAuthContext } from "../../../react/context.js";
import { ChevronRightIcon, UsersIcon } from "../../../react/icons.js";
import { useSubmenuPointerBridge } from "../../../react/submenu-pointer.js";
import { SwitchAccountSubmenuContent } from "./switch-account-submenu-content.js";
import type { SwitchAccountSubmenuContentClassNames } from "./switch-account-submenu-content.js";

/**
 * Per-slot class names of {@link SwitchAccountSubmenu}.
 *
 * @example
 * ```tsx
 * <SwitchAccountSubmenu classNames={{ trigger: "menu-item", content: "menu" }} />
 * ```
 */
export interface SwitchAccountSubmenuClassNames extends SwitchAccountSubmenuContentClassNames {
  trigger?: string;
  content?: string;
}

/**
 * The "Switch Account" submenu: a trigger (ArrowRight or hover opens it) and the accounts on
 * this device. `multiSessionPlugin()` puts it in `<UserButton>`; render it yourself inside any
 * Radix `DropdownMenu.Content`.
 *
 * @example
 * ```tsx
 * <DropdownMenu.Content>
 *   <SwitchAccountSubmenu classNames={{ trigger: "my-item" }} />
 * </DropdownMenu.Content>
 * ```
 */
export function SwitchAccountSubmenu({
  className,
  classNames,
}: {
  className?: string;
  classNames?: SwitchAccountSubmenuClassNames;
}) {
  const { localization } = useAuthContext();
  const bridge = useSubmenuPointerBridge<HTMLDivElement>();
  return (
    <DropdownMenu.Sub>
      <DropdownMenu.SubTrigger
        className={cx("kernia-menu-item", className, classNames?.trigger)}
        onPointerLeave={bridge.onTriggerPointerLeave}
      >
        <UsersIcon />
        <span>{localization.switchAccount}</span>
        <ChevronRightIcon className="kernia-menu-item__end" />
      </DropdownMenu.SubTrigger>
      <DropdownMenu.Portal>
        <DropdownMenu.SubContent
          ref={bridge.contentRef}
          sideOffset={4}
          collisionPadding={8}
          className={cx("kernia-menu kernia-menu--accounts", classNames?.content)}
        >
          <SwitchAccountSubmenuContent classNames={classNames} />
        </DropdownMenu.SubContent>
      </DropdownMenu.Portal>
    </DropdownMenu.Sub>
  );
}
