import type { User } from "../client/types.js";
import { cx } from "./class-names.js";

/**
 * Per-slot class names of {@link AccountLabel}.
 *
 * @example
 * ```tsx
 * <AccountLabel user={user} classNames={{ email: "text-xs" }} />
 * ```
 */
export interface AccountLabelClassNames {
  name?: string;
  email?: string;
}

/**
 * An account's name over its email (the email alone when there is no name).
 *
 * @example
 * ```tsx
 * <AccountLabel user={entry.user} />
 * ```
 */
export function AccountLabel({
  user,
  className,
  classNames,
}: {
  user: Pick<User, "name" | "email">;
  className?: string;
  classNames?: AccountLabelClassNames;
}) {
  const name = user.name.trim();
  return (
    <span className={cx("kernia-account__text", className)}>
      <span className={cx("kernia-account__name", classNames?.name)}>{name || user.email}</span>
      {/* A space the flex layout does not show, so text tools (copy, axe's label-in-name check,
          speech input) read "Ada Lovelace ada@example.com", not "Ada Lovelaceada@example.com". */}
      {name ? " " : null}
      {name ? <span className={cx("kernia-account__email", classNames?.email)}>{user.email}</span> : null}
    </span>
  );
}

/**
 * How an account is named in labels: its name, or its email when it has none.
 *
 * @example
 * ```ts
 * formatMessage(localization.switchToAccountLabel, { name: accountName(entry.user) });
 * ```
 */
export function accountName(user: Pick<User, "name" | "email">): string {
  return user.name.trim() || user.email;
}
