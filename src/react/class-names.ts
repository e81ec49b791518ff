/**
 * Joins class names, skipping empty ones.
 *
 * @example
 * ```ts
 * cx("kernia-menu-item", isCurrent && "is-current", classNames?.item); // "kernia-menu-item is-current"
 * ```
 */
export function cx(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(" ");
}
