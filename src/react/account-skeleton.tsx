import { cx } from "./class-names.js";

/**
 * The shape of an account row (avatar, name, email) while the list loads. Decorative.
 *
 * @example
 * ```tsx
 * {isPending && <AccountSkeleton />}
 * ```
 */
export function AccountSkeleton({ className }: { className?: string }) {
  return (
    <span aria-hidden="true" className={cx("kernia-account kernia-account--skeleton", className)}>
      <span className="kernia-skeleton kernia-skeleton--avatar" />
      <span className="kernia-account__text">
        <span className="kernia-skeleton kernia-skeleton--line" />
        <span className="kernia-skeleton kernia-skeleton--line kernia-skeleton--short" />
      </span>
    </span>
  );
}
