import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { cx } from "./class-names.js";
import { useAuthContext } from "./context.js";
import { SignOutIcon } from "./icons.js";
import { describeError } from "./localization.js";
import { Spinner } from "./spinner.js";
import { useMutation } from "./use-mutation.js";
import { useUserButtonMenu } from "./user-button-menu.js";

/**
 * A menu item that signs out (every account on this device) and goes to the sign-in page.
 * `<UserButton>` shows it unless a plugin replaces it.
 *
 * @example
 * ```tsx
 * <DropdownMenu.Content>
 *   <SignOutItem />
 * </DropdownMenu.Content>
 * ```
 */
export function SignOutItem({ className, label }: { className?: string; label?: string }) {
  const { authClient, localization, navigate, hrefs } = useAuthContext();
  const menu = useUserButtonMenu();
  const signOut = useMutation(() => authClient.signOut());

  return (
    <DropdownMenu.Item
      className={cx("kernia-menu-item", className)}
      disabled={signOut.isPending}
      aria-busy={signOut.isPending || undefined}
      onSelect={(event) => {
        // Stay open so progress and errors are visible; close once done.
        event.preventDefault();
        void signOut.mutate(undefined).then((result) => {
          if (result.error) return;
          menu?.close();
          navigate(hrefs.signIn);
        });
      }}
    >
      {signOut.isPending ? <Spinner /> : <SignOutIcon />}
      <span>
        {signOut.isPending
          ? localization.signingOut
          : signOut.error
            ? `${describeError(signOut.error, localization, localization.signOutError)} ${localization.retry}`
            : (label ?? localization.signOut)}
      </span>
    </DropdownMenu.Item>
  );
}
