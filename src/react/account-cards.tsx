import { Fragment } from "react";
import { useAuthContext } from "./context.js";

/**
 * Renders the account-settings cards the plugins contribute (`<ManageAccounts>` with
 * `multiSessionPlugin()`), in plugin order.
 *
 * @example
 * ```tsx
 * function SettingsPage() {
 *   return (
 *     <main>
 *       <h1>Settings</h1>
 *       <AccountCards cardClassName="my-card" />
 *     </main>
 *   );
 * }
 * ```
 */
export function AccountCards({ cardClassName }: { cardClassName?: string }) {
  const { plugins } = useAuthContext();
  return (
    <>
      {plugins.map((plugin) => (
        <Fragment key={plugin.id}>
          {(plugin.accountCards ?? []).map((Card, index) => (
            <Card key={index} className={cardClassName} />
          ))}
        </Fragment>
      ))}
    </>
  );
}
