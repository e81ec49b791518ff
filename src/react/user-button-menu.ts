import { createContext, useContext } from "react";

/**
 * Lets items inside `<UserButton>`'s menu close it once an action they kept it open for is done.
 *
 * @example
 * ```tsx
 * useUserButtonMenu()?.close();
 * ```
 */
export interface UserButtonMenu {
  close: () => void;
}

/**
 * @internal Provided by `<UserButton>`; read it with {@link useUserButtonMenu}.
 *
 * @example
 * ```tsx
 * <UserButtonMenuContext.Provider value={{ close }}>{menu}</UserButtonMenuContext.Provider>
 * ```
 */
export const UserButtonMenuContext = createContext<UserButtonMenu | null>(null);

/**
 * The enclosing `<UserButton>` menu, or `null` when an item is rendered in another menu.
 *
 * @example
 * ```tsx
 * const menu = useUserButtonMenu();
 * const onDone = () => menu?.close();
 * ```
 */
export function useUserButtonMenu(): UserButtonMenu | null {
  return useContext(UserButtonMenuContext);
}
