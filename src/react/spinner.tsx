import { cx } from "./class-names.js";

/**
 * A spinning ring. Decorative: put the words ("Switching…") next to it for screen readers.
 *
 * @example
 * ```tsx
 * <Spinner /> <span className="kernia-sr-only">{localization.switching}</span>
 * ```
 */
export function Spinner({ className }: { className?: string }) {
  return <span aria-hidden="true" className={cx("kernia-spinner", className)} />;
}
