import * as Avatar from "@radix-ui/react-avatar";
import type { User } from "../client/types.js";
import { cx } from "./class-names.js";

/**
 * Per-slot class names of {@link UserAvatar}.
 *
 * @example
 * ```tsx
 * <UserAvatar user={user} classNames={{ fallback: "bg-indigo-100" }} />
 * ```
 */
export interface UserAvatarClassNames {
  image?: string;
  fallback?: string;
}

/**
 * Props of {@link UserAvatar}.
 *
 * @example
 * ```tsx
 * <UserAvatar user={{ name: "Ada", email: "ada@example.com", image: null }} className="size-10" />
 * ```
 */
export interface UserAvatarProps {
  user: Pick<User, "name" | "email" | "image">;
  className?: string;
  classNames?: UserAvatarClassNames;
}

function initials(user: Pick<User, "name" | "email">): string {
  const source = user.name.trim() || user.email;
  const words = source.split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? `${words[0]?.[0] ?? ""}${words[words.length - 1]?.[0] ?? ""}` : source.slice(0, 2);
  return letters.toUpperCase();
}

/**
 * A user's picture, or their initials until (or unless) it loads. Decorative: the name beside
 * it is what assistive technology reads.
 *
 * @example
 * ```tsx
 * <UserAvatar user={session.user} />
 * ```
 */
export function UserAvatar({ user, className, classNames }: UserAvatarProps) {
  return (
    <Avatar.Root aria-hidden="true" className={cx("kernia-avatar", className)}>
      {user.image ? <Avatar.Image src={user.image} alt="" className={cx("kernia-avatar__image", classNames?.image)} /> : null}
      {/* The initials are drawn by the stylesheet (content: attr(data-initials)), not written as
          text: they are decoration, and as text they would become part of the visible label of
          the button around them, which its accessible name must contain (WCAG 2.5.3). */}
      <Avatar.Fallback
        data-initials={initials(user)}
        className={cx("kernia-avatar__fallback", classNames?.fallback)}
      />
    </Avatar.Root>
  );
}
