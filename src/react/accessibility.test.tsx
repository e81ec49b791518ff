import { screen, waitFor } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import axe from "axe-core";
import { describe, expect, it } from "vitest";
import { ManageAccounts } from "../plugins/multi-session/react/manage-accounts.js";
import { multiSessionPlugin } from "../plugins/multi-session/react/multi-session-plugin.js";
import { ada, createTestApp, grace } from "./test-utils/test-app.js";
import { UserButton } from "./user-button.js";

// axe measures icon ligatures with a canvas, which jsdom lacks; without one it skips that check.
HTMLCanvasElement.prototype.getContext = () => null;

/**
 * Runs axe on the rendered components. Left out: colour contrast (jsdom has no layout; the
 * browser tests cover it) and "region", a page rule (a component is not a page with landmarks).
 */
async function violations(): Promise<string[]> {
  const result = await axe.run(document.body, {
    rules: { "color-contrast": { enabled: false }, region: { enabled: false } },
  });
  return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(" | ")}`);
}

describe("accessibility (axe)", () => {
  it("the open user menu and its account submenu have no violations", async () => {
    const app = await createTestApp({ accounts: [ada, grace] });
    app.renderWithAuth(<UserButton />, { plugins: [multiSessionPlugin()] });
    await userEvent.click(await screen.findByRole("button", { name: /Grace Hopper/ }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Switch Account" }));
    await waitFor(() => expect(screen.getAllByRole("menuitemradio")).toHaveLength(2));
    expect(await violations()).toEqual([]);
  });

  it("the submenu's loading state has no violations", async () => {
    const app = await createTestApp({ accounts: [ada, grace] });
    const release = app.server.hold("/multi-session/list-device-sessions");
    app.renderWithAuth(<UserButton />, { plugins: [multiSessionPlugin()] });
    await userEvent.click(await screen.findByRole("button", { name: /Grace Hopper/ }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Switch Account" }));
    await screen.findAllByRole("menuitem", { name: "Loading…" });
    expect(await violations()).toEqual([]);
    release();
  });

  it("<ManageAccounts> loaded, and failing, has no violations", async () => {
    const app = await createTestApp({ accounts: [ada, grace] });
    const { unmount } = app.renderWithAuth(<ManageAccounts />);
    await screen.findByRole("button", { name: "Switch to Ada Lovelace" });
    expect(await violations()).toEqual([]);
    unmount();

    app.server.down();
    void app.client.multiSession.store.invalidate();
    app.renderWithAuth(<ManageAccounts />);
    await screen.findByRole("alert");
    expect(await violations()).toEqual([]);
  });
});
