import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { cx } from "../../../react/class-names.js";
import { useAuthContext } from "../../../react/context.js";
import { SignOutIcon } from "../../../react/icons.js";
import { describeError } from "../../../react/localization.js";
import { SignOutItem } from "../../../react/sign-out-item.js";
import { Spinner } from "../../../react/spinner.js";
import { useSession } from "../../../react/use-session.js";
import { useUserButtonMenu } from "../../../react/user-button-menu.js";
import { useListDeviceSessions } from "./use-list-device-sessions.js";
import { useRevokeMultiSession } from "./use-revoke-multi-session.js";

/**
 * `<UserButton>`'s sign-out items with multi-session: "Sign out" signs out the current account
 * only (the next most recent becomes active), and "Sign out of all accounts" appears when more
 * than one account is listed. `multiSessionPlugin()` installs it.
 *
 * @example
 * ```tsx
 * <DropdownMenu.Content>
 *   <MultiSessionSignOutItems />
 * </DropdownMenu.Content>
 * ```
 */
export function MultiSessionSignOutItems({ className }: { className?: string }) {
  const { localization, navigate, hrefs } = useAuthContext();
  const session = useSession();
  const list = useListDeviceSessions();
  const revoke = useRevokeMultiSession();
  const menu = useUserButtonMenu();
  const currentId = session.data?.session.id;

  return (
    <>
      <DropdownMenu.Item
        className={cx("kernia-menu-item", className)}
        disabled={revoke.isPending || !currentId}
        aria-busy={revoke.isPending || undefined}
        onSelect={(event) => {
          event.preventDefault();
          if (!currentId) return;
          void revoke.mutate({ sessionId: currentId }).then((result) => {
            if (!result.data) return;
            menu?.close();
            if (!result.data.active) navigate(hrefs.signIn);
          });
        }}
      >
        {revoke.isPending ? <Spinner /> : <SignOutIcon />}
        <span>
          {revoke.isPending
            ? localization.signingOut
            : revoke.error
              ? `${describeError(revoke.error, localization, localization.signOutError)} ${localization.retry}`
              : localization.signOut}
        </span>
      </DropdownMenu.Item>
      {(list.data?.length ?? 0) > 1 ? (
        <SignOutItem className={className} label={localization.signOutOfAllAccounts} />
      ) : null}
    </>
  );
}
