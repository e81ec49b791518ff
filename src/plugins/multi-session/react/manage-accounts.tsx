import { useId } from "react";
import { AccountSkeleton } from "../../../react/account-skeleton.js";
import { cx } from "../../../react/class-names.js";
import { useAuthContext } from "../../../react/context.js";
import { PlusIcon, SignOutIcon } from "../../../react/icons.js";
import { describeError } from "../../../react/localization.js";
import { Spinner } from "../../../react/spinner.js";
import { useMutation } from "../../../react/use-mutation.js";
import { useSession } from "../../../react/use-session.js";
import { ManageAccount } from "./manage-account.js";
import type { ManageAccountClassNames } from "./manage-account.js";
import { orderAccounts } from "./order-accounts.js";
import { useListDeviceSessions } from "./use-list-device-sessions.js";

/**
 * Per-slot class names of {@link ManageAccounts}.
 *
 * @example
 * ```tsx
 * <ManageAccounts classNames={{ title: "text-lg", account: { badge: "badge" } }} />
 * ```
 */
export interface ManageAccountsClassNames {
  header?: string;
  title?: string;
  description?: string;
  list?: string;
  row?: string;
  account?: ManageAccountClassNames;
  skeleton?: string;
  empty?: string;
  error?: string;
  footer?: string;
  button?: string;
}

const SKELETON_ROWS = 2;

/**
 * A card listing the accounts signed in on this device, current first: switch to one, sign one
 * out, add another, or sign out of all. Shows skeleton rows while loading and a message (with
 * "Try again") when the server cannot be reached.
 *
 * @example
 * ```tsx
 * function SettingsPage() {
 *   return <ManageAccounts className="settings-card" />;
 * }
 * ```
 */
export function ManageAccounts({ className, classNames }: { className?: string; classNames?: ManageAccountsClassNames }) {
  const { authClient, localization, navigate, hrefs } = useAuthContext();
  const session = useSession();
  const list = useListDeviceSessions();
  const signOutAll = useMutation(() => authClient.signOut());
  const titleId = useId();
  const accounts = list.data ? orderAccounts(list.data, session.data?.session.id) : null;
  const buttonClass = cx("kernia-button", classNames?.button);

  return (
    <section className={cx("kernia-card", className)} aria-labelledby={titleId} aria-busy={list.isPending || undefined}>
      <header className={cx("kernia-card__header", classNames?.header)}>
        <h2 id={titleId} className={cx("kernia-card__title", classNames?.title)}>
          {localization.manageAccounts}
        </h2>
        <p className={cx("kernia-card__description", classNames?.description)}>{localization.manageAccountsDescription}</p>
      </header>

      {list.isPending ? (
        <>
          <p className="kernia-sr-only" role="status">
            {localization.loading}
          </p>
          <ul className={cx("kernia-card__list", classNames?.list)} aria-hidden="true">
            {Array.from({ length: SKELETON_ROWS }, (_, index) => (
              <li key={index} className={cx("kernia-card__row", classNames?.row)}>
                <AccountSkeleton className={classNames?.skeleton} />
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {list.error ? (
        <div role="alert" className={cx("kernia-error", classNames?.error)}>
          <span>{describeError(list.error, localization, localization.accountsLoadError)}</span>
          <button type="button" className={buttonClass} onClick={() => void list.refetch()}>
            {localization.retry}
          </button>
        </div>
      ) : null}

      {accounts && accounts.length === 0 ? (
        <p className={cx("kernia-card__empty", classNames?.empty)}>{localization.noAccounts}</p>
      ) : null}

      {accounts && accounts.length > 0 ? (
        <ul className={cx("kernia-card__list", classNames?.list)}>
          {accounts.map((entry) => (
            <li key={entry.session.id} className={cx("kernia-card__row", classNames?.row)}>
              <ManageAccount deviceSession={entry} classNames={classNames?.account} />
            </li>
          ))}
        </ul>
      ) : null}

      <footer className={cx("kernia-card__footer", classNames?.footer)}>
        <button type="button" className={buttonClass} onClick={() => navigate(hrefs.addAccount)}>
          <PlusIcon />
          {localization.addAccount}
        </button>
        {accounts && accounts.length > 1 ? (
          <button
            type="button"
            className={cx(buttonClass, "kernia-button--danger")}
            disabled={signOutAll.isPending}
            onClick={() =>
              void signOutAll.mutate(undefined).then((result) => {
                if (!result.error) navigate(hrefs.signIn);
              })
            }
          >
            {signOutAll.isPending ? <Spinner /> : <SignOutIcon />}
            {signOutAll.isPending ? localization.signingOut : localization.signOutOfAllAccounts}
          </button>
        ) : null}
      </footer>
      {signOutAll.error ? (
        <p role="alert" className={cx("kernia-error", classNames?.error)}>
          {describeError(signOutAll.error, localization, localization.signOutError)}
        </p>
      ) : null}
    </section>
  );
}
