import { useCallback, useRef } from "react";
import type { PointerEvent as ReactPointerEvent } from "react";

/**
 * Keeps a Radix submenu open when the pointer reaches it in a single move, as a test runner's
 * `click()` or a fast flick of the mouse does (issue 11).
 *
 * Radix decides whether a pointer leaving a submenu's trigger is heading for the submenu from the
 * direction of its earlier moves inside the parent menu. A pointer that jumps from the trigger
 * straight onto an item of the submenu made no such move (and a submenu flipped to the left of
 * its trigger lies against the recorded direction), so Radix focused the parent menu, which
 * closed the submenu under the pointer before the click landed. The pointer event already names
 * the element it entered: when that is inside the submenu, the leave is no leave at all, and
 * Radix's handling of it is skipped.
 *
 * @example
 * ```tsx
 * const bridge = useSubmenuPointerBridge<HTMLDivElement>();
 * <DropdownMenu.SubTrigger onPointerLeave={bridge.onTriggerPointerLeave} />
 * <DropdownMenu.SubContent ref={bridge.contentRef} />
 * ```
 */
export function useSubmenuPointerBridge<Content extends HTMLElement>() {
  const contentRef = useRef<Content>(null);
  const onTriggerPointerLeave = useCallback((event: ReactPointerEvent) => {
    const entered = event.relatedTarget;
    if (entered instanceof Node && contentRef.current?.contains(entered)) event.preventDefault();
  }, []);
  return { contentRef, onTriggerPointerLeave };
}
