import { screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { multiSessionPlugin } from "../plugins/multi-session/react/multi-session-plugin.js";
import { ManageAccounts } from "../plugins/multi-session/react/manage-accounts.js";
import { AccountCards } from "./account-cards.js";
import { defaultLocalization, describeError, formatMessage, mergeLocalization } from "./localization.js";
import { ada, createTestApp, grace } from "./test-utils/test-app.js";
import { UserButton } from "./user-button.js";

describe("localization", () => {
  it("multiSessionPlugin({ localization }) changes the menu's strings", async () => {
    const app = await createTestApp({ accounts: [ada, grace] });
    app.renderWithAuth(<UserButton />, {
      plugins: [multiSessionPlugin({ localization: { switchAccount: "Changer de compte", addAccount: "Ajouter un compte" } })],
    });
    await userEvent.click(await screen.findByRole("button", { name: /Grace Hopper/ }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Changer de compte" }));
    expect(await screen.findByRole("menuitem", { name: "Ajouter un compte" })).toBeTruthy();
    expect(screen.queryByText("Switch Account")).toBeNull();
  });

  it("the provider's localization wins over the plugin's, and reaches every component", async () => {
    const app = await createTestApp({ accounts: [ada, grace] });
    app.renderWithAuth(
      <>
        <UserButton />
        <ManageAccounts />
      </>,
      {
        plugins: [multiSessionPlugin({ localization: { manageAccounts: "Plugin title" } })],
        localization: {
          manageAccounts: "Gérer les comptes",
          switchToAccountLabel: "Basculer vers {name}",
          userMenuLabel: "Menu du compte de {name}",
          currentAccount: "Actuel",
        },
      },
    );
    const card = await screen.findByRole("region", { name: "Gérer les comptes" });
    expect(await within(card).findByRole("button", { name: "Basculer vers Ada Lovelace" })).toBeTruthy();
    expect(within(card).getByText("Actuel")).toBeTruthy();
    expect(screen.getByRole("button", { name: /^Menu du compte de Grace Hopper\b/ })).toBeTruthy();
    expect(screen.queryByText("Plugin title")).toBeNull();
  });

  it("localizes error messages", async () => {
    const app = await createTestApp({ accounts: [ada] });
    app.server.down();
    app.renderWithAuth(<ManageAccounts />, { localization: { networkError: "Serveur injoignable.", retry: "Réessayer" } });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Serveur injoignable.");
    expect(within(alert).getByRole("button", { name: "Réessayer" })).toBeTruthy();
  });

  it("<AccountCards> renders the plugins' cards", async () => {
    const app = await createTestApp({ accounts: [ada] });
    const { unmount } = app.renderWithAuth(<AccountCards />);
    expect(screen.queryByRole("region")).toBeNull();
    unmount();
    app.renderWithAuth(<AccountCards cardClassName="settings-card" />, { plugins: [multiSessionPlugin()] });
    const card = screen.getByRole("region", { name: "Manage Accounts" });
    expect(card.classList.contains("settings-card")).toBe(true);
    await waitFor(() => expect(within(card).getAllByRole("listitem")).toHaveLength(1));
  });
});

describe("localization helpers", () => {
  it("mergeLocalization lays overrides in order and ignores undefined values", () => {
    const merged = mergeLocalization(
      defaultLocalization,
      { signOut: "Log out", addAccount: "Add" },
      undefined,
      { addAccount: undefined, signIn: "Log in" },
    );
    expect(merged.signOut).toBe("Log out");
    expect(merged.addAccount).toBe("Add");
    expect(merged.signIn).toBe("Log in");
    expect(merged.switchAccount).toBe("Switch Account");
  });

  it("formatMessage fills placeholders and leaves unknown ones", () => {
    expect(formatMessage("Switch to {name}", { name: "Ada" })).toBe("Switch to Ada");
    expect(formatMessage("{greeting}, {name}", { name: "Ada" })).toBe("{greeting}, Ada");
  });

  it("describeError picks the network, expiry or fallback message", () => {
    const l = defaultLocalization;
    expect(describeError({ status: 0, code: "NETWORK_ERROR", message: "x" }, l, "fallback")).toBe(l.networkError);
    expect(describeError({ status: 401, code: "INVALID_SESSION_TOKEN", message: "x" }, l, "fallback")).toBe(l.sessionExpired);
    expect(describeError({ status: 500, code: "INTERNAL", message: "stack trace" }, l, "fallback")).toBe("fallback");
  });
});
