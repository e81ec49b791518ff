import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { act, screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ada, createTestApp, grace } from "../../../react/test-utils/test-app.js";
import { UserButton } from "../../../react/user-button.js";
import { multiSessionPlugin } from "./multi-session-plugin.js";
import { SwitchAccountSubmenuContent } from "./switch-account-submenu-content.js";

type App = Awaited<ReturnType<typeof createTestApp>>;

/** Renders the user button with the plugin and opens the "Switch Account" submenu. */
async function openSubmenu(app: App, props: Parameters<App["renderWithAuth"]>[1] = {}) {
  app.renderWithAuth(<UserButton />, { plugins: [multiSessionPlugin()], ...props });
  await userEvent.click(await screen.findByRole("button", { name: /Account menu/ }));
  await userEvent.click(await screen.findByRole("menuitem", { name: "Switch Account" }));
  return waitFor(() => {
    const menus = screen.getAllByRole("menu");
    expect(menus).toHaveLength(2);
    return menus[1]!;
  });
}

/** The submenu's items on their own, in an always-open menu. */
function renderContent(app: App) {
  return app.renderWithAuth(
    <DropdownMenu.Root open modal={false}>
      <DropdownMenu.Trigger>menu</DropdownMenu.Trigger>
      <DropdownMenu.Content>
        <SwitchAccountSubmenuContent />
      </DropdownMenu.Content>
    </DropdownMenu.Root>,
  );
}

describe("<SwitchAccountSubmenu>", () => {
  it("lists the current account first, checked, then the others with name and email", async () => {
    const app = await createTestApp({ accounts: [ada, grace] });
    const submenu = await openSubmenu(app);
    const rows = await within(submenu).findAllByRole("menuitemradio");
    expect(rows.map((row) => row.getAttribute("aria-checked"))).toEqual(["true", "false"]);
    expect(rows[0]?.textContent).toContain("Grace Hopper");
    expect(rows[0]?.textContent).toContain("Current");
    expect(rows[1]?.textContent).toContain("Ada Lovelace");
    expect(rows[1]?.textContent).toContain("ada@example.com");
    expect(rows[1]?.textContent).not.toContain("Current");
  });

  it("shows skeleton rows while the accounts load", async () => {
    const app = await createTestApp({ accounts: [ada, grace] });
    const release = app.server.hold("/multi-session/list-device-sessions");
    const submenu = await openSubmenu(app);
    const skeletons = within(submenu).getAllByRole("menuitem", { name: "Loading…" });
    expect(skeletons).toHaveLength(2);
    for (const row of skeletons) expect(row.getAttribute("aria-disabled")).toBe("true");
    expect(within(submenu).queryAllByRole("menuitemradio")).toHaveLength(0);
    release();
    expect(await within(submenu).findAllByRole("menuitemradio")).toHaveLength(2);
    expect(within(submenu).queryAllByRole("menuitem", { name: "Loading…" })).toHaveLength(0);
  });

  it("says so when no account is signed in", async () => {
    const app = await createTestApp({ accounts: [] });
    renderContent(app);
    expect(await screen.findByText("No accounts are signed in on this device.")).toBeTruthy();
    expect(screen.queryAllByRole("menuitemradio")).toHaveLength(0);
    expect(screen.getByRole("menuitem", { name: "Add Account" })).toBeTruthy();
  });

  it("shows a message, not a crash, when the server is unreachable, and recovers on 'Try again'", async () => {
    const app = await createTestApp({ accounts: [ada, grace] });
    app.renderWithAuth(<UserButton />, { plugins: [multiSessionPlugin()] });
    await screen.findByRole("button", { name: /Grace Hopper/ });
    app.server.down();
    await userEvent.click(screen.getByRole("button", { name: /Grace Hopper/ }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Switch Account" }));
    expect(await screen.findByText("Can't reach the server. Check your connection and try again.")).toBeTruthy();
    expect(screen.queryAllByRole("menuitemradio")).toHaveLength(0);

    app.server.up();
    await userEvent.click(screen.getByRole("menuitem", { name: "Try again" }));
    expect(await screen.findAllByRole("menuitemradio")).toHaveLength(2);
    expect(screen.queryByText(/Can't reach the server/)).toBeNull();
  });

  it("shows a spinner on the row being switched to, then closes on the new account", async () => {
    const app = await createTestApp({ accounts: [ada, grace] });
    const submenu = await openSubmenu(app);
    const release = app.server.hold("/multi-session/set-active");
    await userEvent.click(await within(submenu).findByRole("menuitemradio", { name: /Ada Lovelace/ }));

    const row = within(submenu).getByRole("menuitemradio", { name: /Ada Lovelace/ });
    expect(row.getAttribute("aria-busy")).toBe("true");
    expect(row.getAttribute("aria-disabled")).toBe("true");
    expect(row.textContent).toContain("Switching…");
    expect(row.querySelector(".kernia-spinner")).not.toBeNull();
    const other = within(submenu).getByRole("menuitemradio", { name: /Grace Hopper/ });
    expect(other.getAttribute("aria-busy")).toBeNull();

    release();
    expect(await screen.findByRole("button", { name: /Ada Lovelace/ })).toBeTruthy();
    await waitFor(() => expect(screen.queryAllByRole("menu")).toHaveLength(0));
    expect((await app.client.getSession()).data?.user.email).toBe(ada.email);
  });

  it("keeps the menu open with a message when the switch fails", async () => {
    const app = await createTestApp({ accounts: [ada, grace] });
    const submenu = await openSubmenu(app);
    const row = await within(submenu).findByRole("menuitemradio", { name: /Ada Lovelace/ });
    app.server.down();
    await userEvent.click(row);
    expect(await within(submenu).findByText("Can't reach the server. Check your connection and try again.")).toBeTruthy();
    expect(row.getAttribute("aria-busy")).toBeNull();
    // still signed in as before (`hidden`: a modal menu would hide the trigger from the a11y tree)
    expect(screen.getByRole("button", { hidden: true, name: /Grace Hopper/ })).toBeTruthy();
  });

  it("marks the active row by session id, not user id", async () => {
    const app = await createTestApp({ accounts: [ada] });
    const current = await app.entryOf(ada.email);
    renderContent(app);
    await screen.findByRole("menuitemradio", { name: /Ada Lovelace/ });
    // An entry for the same user under another session (e.g. a stale one) must not be checked.
    const sameUserOtherSession = {
      session: { ...current.session, id: "s".repeat(32) },
      user: { ...current.user, name: "Ada (older session)" },
    };
    act(() => app.client.multiSession.store.set([sameUserOtherSession, current]));
    const rows = screen.getAllByRole("menuitemradio");
    expect(rows.map((row) => [row.textContent?.includes("older session"), row.getAttribute("aria-checked")])).toEqual([
      [false, "true"],
      [true, "false"],
    ]);
  });

  it("'Add Account' goes to the add-account href", async () => {
    const app = await createTestApp({ accounts: [ada] });
    const submenu = await openSubmenu(app, { hrefs: { addAccount: "/login?another=yes" } });
    await userEvent.click(within(submenu).getByRole("menuitem", { name: "Add Account" }));
    expect(app.navigate).toHaveBeenCalledWith("/login?another=yes");
  });
});
