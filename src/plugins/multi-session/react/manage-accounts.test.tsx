import { screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ada, createTestApp, grace } from "../../../react/test-utils/test-app.js";
import { ManageAccounts } from "./manage-accounts.js";

const ALAN = { name: "Alan Turing", email: "alan@example.com", password: "correct horse battery" };

const rows = () => within(screen.getByRole("region", { name: "Manage Accounts" })).queryAllByRole("listitem");

describe("<ManageAccounts>", () => {
  it("shows skeleton rows and a loading status, then the accounts", async () => {
    const app = await createTestApp({ accounts: [ada, grace] });
    const release = app.server.hold("/multi-session/list-device-sessions");
    app.renderWithAuth(<ManageAccounts />);
    const card = screen.getByRole("region", { name: "Manage Accounts" });
    expect(card.getAttribute("aria-busy")).toBe("true");
    expect(within(card).getByRole("status").textContent).toBe("Loading…");
    expect(card.querySelectorAll(".kernia-account--skeleton")).toHaveLength(2);
    release();
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(card.getAttribute("aria-busy")).toBeNull();
    expect(card.querySelectorAll(".kernia-account--skeleton")).toHaveLength(0);
  });

  it("lists the current account first with a badge, the others with a switch button", async () => {
    const app = await createTestApp({ accounts: [ada, ALAN, grace] });
    app.renderWithAuth(<ManageAccounts />);
    await waitFor(() => expect(rows()).toHaveLength(3));
    const [first, ...others] = rows();
    expect(first?.textContent).toContain("Grace Hopper");
    expect(first?.textContent).toContain("Current");
    expect(within(first!).queryByRole("button", { name: /Switch/ })).toBeNull();
    for (const row of others) expect(within(row).getByRole("button", { name: /^Switch to / })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Sign out of all accounts" })).toBeTruthy();
  });

  it("switches to another account", async () => {
    const app = await createTestApp({ accounts: [ada, grace] });
    app.renderWithAuth(<ManageAccounts />);
    const release = app.server.hold("/multi-session/set-active");
    await userEvent.click(await screen.findByRole("button", { name: "Switch to Ada Lovelace" }));
    const busy = screen.getByRole<HTMLButtonElement>("button", { name: /Switching…/ });
    expect(busy.disabled).toBe(true);
    release();
    await waitFor(() => expect(rows()[0]?.textContent).toContain("Ada Lovelace"));
    expect(rows()[0]?.textContent).toContain("Current");
    expect(screen.getByRole("button", { name: "Switch to Grace Hopper" })).toBeTruthy();
    expect((await app.client.getSession()).data?.user.email).toBe(ada.email);
  });

  it("signs out one account; signing out the last goes to sign-in", async () => {
    const app = await createTestApp({ accounts: [ada, grace] });
    app.renderWithAuth(<ManageAccounts />);
    await userEvent.click(await screen.findByRole("button", { name: "Sign out Ada Lovelace" }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]?.textContent).toContain("Grace Hopper");
    expect(screen.queryByRole("button", { name: "Sign out of all accounts" })).toBeNull();
    expect(app.navigate).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole("button", { name: "Sign out Grace Hopper" }));
    await waitFor(() => expect(app.navigate).toHaveBeenCalledWith("/sign-in"));
    expect(await screen.findByText("No accounts are signed in on this device.")).toBeTruthy();
  });

  it("signing out the current account makes the next one current", async () => {
    const app = await createTestApp({ accounts: [ada, grace] });
    app.renderWithAuth(<ManageAccounts />);
    await userEvent.click(await screen.findByRole("button", { name: "Sign out Grace Hopper" }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]?.textContent).toContain("Ada Lovelace");
    expect(rows()[0]?.textContent).toContain("Current");
  });

  it("'Sign out of all accounts' signs every account out", async () => {
    const app = await createTestApp({ accounts: [ada, grace] });
    app.renderWithAuth(<ManageAccounts />);
    await userEvent.click(await screen.findByRole("button", { name: "Sign out of all accounts" }));
    await waitFor(() => expect(app.navigate).toHaveBeenCalledWith("/sign-in"));
    await waitFor(() => expect(rows()).toHaveLength(0));
    expect((await app.client.getSession()).data).toBeNull();
  });

  it("shows the empty state when no account is signed in", async () => {
    const app = await createTestApp({ accounts: [] });
    app.renderWithAuth(<ManageAccounts />);
    expect(await screen.findByText("No accounts are signed in on this device.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Add Account" })).toBeTruthy();
  });

  it("shows an alert, not a crash, when the server is unreachable, and recovers on 'Try again'", async () => {
    const app = await createTestApp({ accounts: [ada, grace] });
    app.server.down();
    app.renderWithAuth(<ManageAccounts />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Can't reach the server. Check your connection and try again.");
    app.server.up();
    await userEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("a failed sign-out shows a message in its row and changes nothing", async () => {
    const app = await createTestApp({ accounts: [ada, grace] });
    app.renderWithAuth(<ManageAccounts />);
    const button = await screen.findByRole("button", { name: "Sign out Ada Lovelace" });
    app.server.down();
    await userEvent.click(button);
    const row = rows().find((item) => item.textContent?.includes("Ada Lovelace"));
    expect((await within(row!).findByRole("alert")).textContent).toContain("Can't reach the server");
    expect(rows()).toHaveLength(2);
  });

  it("'Add Account' goes to the add-account href", async () => {
    const app = await createTestApp({ accounts: [ada] });
    app.renderWithAuth(<ManageAccounts />);
    await userEvent.click(screen.getByRole("button", { name: "Add Account" }));
    expect(app.navigate).toHaveBeenCalledWith("/sign-in?add=1");
  });

  it("takes className and per-slot classNames", async () => {
    const app = await createTestApp({ accounts: [ada] });
    app.renderWithAuth(
      <ManageAccounts className="my-card" classNames={{ title: "my-title", account: { badge: "my-badge" } }} />,
    );
    const card = screen.getByRole("region", { name: "Manage Accounts" });
    expect(card.classList.contains("my-card")).toBe(true);
    expect(within(card).getByRole("heading").classList.contains("my-title")).toBe(true);
    await waitFor(() => expect(card.querySelector(".my-badge")?.textContent).toContain("Current"));
  });
});
