import type { DeviceSession } from "../../../client/types.js";
import { AccountLabel, accountName } from "../../../react/account-label.js";
import { cx } from "../../../react/class-names.js";
import { useAuthContext } from "../../../react/context.js";
import { CheckIcon } from "../../../react/icons.js";
import { describeError, formatMessage } from "../../../react/localization.js";
import { Spinner } from "../../../react/spinner.js";
import { UserAvatar } from "../../../react/user-avatar.js";
import { useSession } from "../../../react/use-session.js";
import { useRevokeMultiSession } from "./use-revoke-multi-session.js";
import { useSetActiveSession } from "./use-set-active-session.js";

/**
 * Per-slot class names of {@link ManageAccount}.
 *
 * @example
 * ```tsx
 * <ManageAccount deviceSession={entry} classNames={{ button: "btn", badge: "badge" }} />
 * ```
 */
export interface ManageAccountClassNames {
  avatar?: string;
  name?: string;
  email?: string;
  badge?: string;
  actions?: string;
  button?: string;
  error?: string;
}

/**
 * Props of {@link ManageAccount}.
 *
 * @example
 * ```tsx
 * <ManageAccount deviceSession={entry} className="py-2" />
 * ```
 */
export interface ManageAccountProps {
  deviceSession: DeviceSession;
  className?: string;
  classNames?: ManageAccountClassNames;
}

/**
 * One account on this device: avatar, name, email, a "Current" badge or a "Switch" button, and
 * "Sign out" for this account alone. Signing out the last account goes to the sign-in page.
 *
 * @example
 * ```tsx
 * <ul>
 *   {accounts.map((entry) => (
 *     <li key={entry.session.id}><ManageAccount deviceSession={entry} /></li>
 *   ))}
 * </ul>
 * ```
 */
export function ManageAccount({ deviceSession, className, classNames }: ManageAccountProps) {
  const { localization, navigate, hrefs } = useAuthContext();
  const session = useSession();
  const switcher = useSetActiveSession();
  const revoke = useRevokeMultiSession();
  const isCurrent = session.data?.session.id === deviceSession.session.id;
  const target = { sessionId: deviceSession.session.id };
  const name = accountName(deviceSession.user);
  const busy = switcher.isPending || revoke.isPending;
  const error = revoke.error
    ? describeError(revoke.error, localization, localization.signOutError)
    : switcher.error
      ? describeError(switcher.error, localization, localization.switchError)
      : null;
  const buttonClass = cx("kernia-button", classNames?.button);

  return (
    <div
      className={cx("kernia-account kernia-manage-account", className)}
      data-current={isCurrent ? "" : undefined}
      aria-busy={busy || undefined}
    >
      <UserAvatar user={deviceSession.user} className={classNames?.avatar} />
      <AccountLabel user={deviceSession.user} classNames={{ name: classNames?.name, email: classNames?.email }} />
      <span className={cx("kernia-manage-account__actions", classNames?.actions)}>
        {isCurrent ? (
          <span className={cx("kernia-badge", classNames?.badge)}>
            <CheckIcon />
            {localization.currentAccount}
          </span>
        ) : (
          <button
            type="button"
            className={buttonClass}
            disabled={busy}
            aria-label={switcher.isPending ? undefined : formatMessage(localization.switchToAccountLabel, { name })}
            onClick={() => void switcher.mutate(target)}
          >
            {switcher.isPending ? <Spinner /> : null}
            {switcher.isPending ? localization.switching : localization.switchToAccount}
          </button>
        )}
        <button
          type="button"
          className={buttonClass}
          disabled={busy}
          aria-label={revoke.isPending ? undefined : formatMessage(localization.signOutAccountLabel, { name })}
          onClick={() =>
            void revoke.mutate(target).then((result) => {
              if (result.data && !result.data.active) navigate(hrefs.signIn);
            })
          }
        >
          {revoke.isPending ? <Spinner /> : null}
          {revoke.isPending ? localization.signingOut : localization.signOut}
        </button>
      </span>
      {error ? (
        <p role="alert" className={cx("kernia-error", classNames?.error)}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
