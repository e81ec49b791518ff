import { screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { multiSessionPlugin } from "../plugins/multi-session/react/multi-session-plugin.js";
import { ada, createTestApp, grace } from "./test-utils/test-app.js";
import { UserButton } from "./user-button.js";

describe("<UserButton>", () => {
  it("shows a busy placeholder while the session loads, then the account", async () => {
    const app = await createTestApp({ accounts: [ada] });
    const release = app.server.hold("/get-session");
    app.renderWithAuth(<UserButton />);
    const placeholder = screen.getByRole<HTMLButtonElement>("button", { name: "Loading…" });
    expect(placeholder.disabled).toBe(true);
    expect(placeholder.getAttribute("aria-busy")).toBe("true");
    release();
    expect((await screen.findByRole<HTMLButtonElement>("button", { name: /Ada Lovelace/ })).disabled).toBe(false);
  });

  it("offers Sign in when signed out", async () => {
    const app = await createTestApp({ accounts: [] });
    app.renderWithAuth(<UserButton />, { hrefs: { signIn: "/login" } });
    await userEvent.click(await screen.findByRole("button", { name: "Sign in" }));
    expect(app.navigate).toHaveBeenCalledWith("/login");
  });

  it("shows a message and 'Try again', not a crash, when the session cannot be loaded", async () => {
    const app = await createTestApp({ accounts: [ada] });
    app.server.down();
    app.renderWithAuth(<UserButton />, { localization: { retry: "Retry now" } });
    const button = await screen.findByRole("button", { name: /Retry now/ });
    expect(button.textContent).toContain("Can't reach the server. Check your connection and try again.");
    app.server.up();
    await userEvent.click(button);
    expect(await screen.findByRole("button", { name: /Ada Lovelace/ })).toBeTruthy();
  });

  it("names the trigger after the user and shows name and email", async () => {
    const app = await createTestApp({ accounts: [ada] });
    app.renderWithAuth(<UserButton />);
    const trigger = await screen.findByRole("button", { name: /^Account menu for Ada Lovelace\b/ });
    expect(trigger.textContent).toContain("Ada Lovelace");
    expect(trigger.textContent).toContain("ada@example.com");
  });

  it("'Manage Accounts' goes to the settings href", async () => {
    const app = await createTestApp({ accounts: [ada] });
    app.renderWithAuth(<UserButton />, { hrefs: { settings: "/account" } });
    await userEvent.click(await screen.findByRole("button", { name: /Ada Lovelace/ }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Manage Accounts" }));
    expect(app.navigate).toHaveBeenCalledWith("/account");
    await waitFor(() => expect(screen.queryByRole("menu")).toBeNull());
  });

  it("without the multi-session plugin, 'Sign out' signs out and goes to sign-in", async () => {
    const app = await createTestApp({ accounts: [ada, grace] });
    app.renderWithAuth(<UserButton />);
    await userEvent.click(await screen.findByRole("button", { name: /Grace Hopper/ }));
    expect(screen.queryByRole("menuitem", { name: "Switch Account" })).toBeNull();
    expect(screen.queryByRole("menuitem", { name: "Sign out of all accounts" })).toBeNull();
    await userEvent.click(screen.getByRole("menuitem", { name: "Sign out" }));
    await waitFor(() => expect(app.navigate).toHaveBeenCalledWith("/sign-in"));
    expect(await screen.findByRole("button", { name: "Sign in" })).toBeTruthy();
    expect((await app.client.getSession()).data).toBeNull();
  });

  it("with the plugin, 'Sign out' signs out this account only and the next one becomes active", async () => {
    const app = await createTestApp({ accounts: [ada, grace] });
    app.renderWithAuth(<UserButton />, { plugins: [multiSessionPlugin()] });
    await userEvent.click(await screen.findByRole("button", { name: /Grace Hopper/ }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Sign out" }));
    expect(await screen.findByRole("button", { name: /Ada Lovelace/ })).toBeTruthy();
    expect(app.navigate).not.toHaveBeenCalled();
    const { data } = await app.client.multiSession.listDeviceSessions();
    expect(data?.map((entry) => entry.user.email)).toEqual([ada.email]);
  });

  it("'Sign out of all accounts' appears only with more than one account, and signs out all", async () => {
    const one = await createTestApp({ accounts: [ada] });
    const { unmount } = one.renderWithAuth(<UserButton />, { plugins: [multiSessionPlugin()] });
    await userEvent.click(await screen.findByRole("button", { name: /Ada Lovelace/ }));
    expect(await screen.findByRole("menuitem", { name: "Sign out" })).toBeTruthy();
    // once the submenu shows the (single) account the list has rendered: still no "all accounts"
    await userEvent.click(screen.getByRole("menuitem", { name: "Switch Account" }));
    expect(await screen.findByRole("menuitemradio", { name: /Ada Lovelace/ })).toBeTruthy();
    expect(screen.queryByRole("menuitem", { name: "Sign out of all accounts" })).toBeNull();
    unmount();

    const two = await createTestApp({ accounts: [ada, grace] });
    two.renderWithAuth(<UserButton />, { plugins: [multiSessionPlugin()] });
    await userEvent.click(await screen.findByRole("button", { name: /Grace Hopper/ }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Sign out of all accounts" }));
    await waitFor(() => expect(two.navigate).toHaveBeenCalledWith("/sign-in"));
    expect((await two.client.multiSession.listDeviceSessions()).data).toEqual([]);
  });

  it("opens from the keyboard, ArrowRight enters the submenu, Escape closes", async () => {
    const app = await createTestApp({ accounts: [ada, grace] });
    app.renderWithAuth(<UserButton />, { plugins: [multiSessionPlugin()] });
    const trigger = await screen.findByRole("button", { name: /Grace Hopper/ });
    trigger.focus();
    await userEvent.keyboard("{Enter}");
    const menu = await screen.findByRole("menu");
    const switchItem = within(menu).getByRole("menuitem", { name: "Switch Account" });
    await waitFor(() => expect(document.activeElement).toBe(switchItem));
    await userEvent.keyboard("{ArrowRight}");
    const submenu = await waitFor(() => {
      const menus = screen.getAllByRole("menu");
      expect(menus).toHaveLength(2);
      return menus[1]!;
    });
    const rows = await within(submenu).findAllByRole("menuitemradio");
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining("Grace Hopper"),
      expect.stringContaining("Ada Lovelace"),
    ]);
    await waitFor(() => expect(submenu.contains(document.activeElement)).toBe(true));
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryAllByRole("menu")).toHaveLength(0));
    await waitFor(() => expect(document.activeElement).toBe(trigger));
  });
});
