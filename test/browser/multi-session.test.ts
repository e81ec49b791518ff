import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ada,
  alan,
  browserAvailable,
  clickSubmenuItem,
  getJson,
  grace,
  isFocused,
  launchChromium,
  openSwitcher,
  signUpWithForm,
  startDemo,
  switcherNames,
  tabTo,
  userButton,
  waitForActive,
  waitUntil,
  type RunningDemo,
} from "./support/demo.js";

/**
 * Issue 5's acceptance, in Debian's Chromium against the built demo on a real port: one browser
 * context, three accounts, switching by mouse and by keyboard, a second tab that follows, signing
 * one account out, and signing out of all. The tests run in order and share the context, as one
 * person's visit would.
 */
describe.skipIf(!browserAvailable())("the demo's account switcher in Chromium", () => {
  let demo: RunningDemo;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemo(), launchChromium()]);
    context = await browser.newContext({ baseURL: demo.origin });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test("three accounts sign up in one browser context, the last one active", async () => {
    await page.goto("/");
    await page.getByRole("link", { name: "Sign up", exact: true }).click();
    await signUpWithForm(page, ada);

    for (const person of [grace, alan]) {
      // "Add account" leads to the sign-in form; new people go on to sign up from there.
      await openSwitcher(page);
      await clickSubmenuItem(page, page.getByRole("menuitem", { name: "Add Account" }));
      await page.waitForURL("/sign-in?add=1");
      await page.getByRole("link", { name: "Create one" }).click();
      await signUpWithForm(page, person);
    }

    const submenu = await openSwitcher(page);
    const names = await switcherNames(submenu);
    expect(names[0]).toBe(alan.name); // the current account comes first
    expect([...names].sort()).toEqual([ada.name, alan.name, grace.name].sort());
    await page.keyboard.press("Escape");
  });

  test("switching with the mouse shows the new account, and a second tab follows within 2 s without a reload", async () => {
    const second = await context.newPage();
    await second.goto("/");
    await waitForActive(second, alan);
    // Survives only if the tab is never reloaded.
    await second.evaluate(() => Object.assign(window, { kerniaNoReload: true }));

    const submenu = await openSwitcher(page);
    await clickSubmenuItem(page, submenu.getByRole("menuitemradio", { name: new RegExp(grace.name) }));
    await waitForActive(page, grace);
    await page.getByRole("menu").first().waitFor({ state: "detached" });

    await waitForActive(second, grace, 2_000);
    expect(await second.evaluate(() => "kerniaNoReload" in window)).toBe(true);
    await second.close();
  });

  test("switching with the keyboard only: Enter opens, arrows move, ArrowRight opens the submenu, Escape closes", async () => {
    await page.goto("/");
    await waitForActive(page, grace);
    const trigger = userButton(page);
    await tabTo(page, trigger);

    // Space opens the menu on its first item; arrows move; Escape closes and focus returns.
    await page.keyboard.press(" ");
    const switchItem = page.getByRole("menuitem", { name: "Switch Account" });
    await waitUntil(() => isFocused(switchItem), "Space focuses the first item");
    await page.keyboard.press("ArrowDown");
    await waitUntil(() => isFocused(page.getByRole("menuitem", { name: "Manage Accounts" })), "ArrowDown moves on");
    await page.keyboard.press("ArrowUp");
    await waitUntil(() => isFocused(switchItem), "ArrowUp moves back");
    await page.keyboard.press("Escape");
    await page.getByRole("menu").waitFor({ state: "detached" });
    await waitUntil(() => isFocused(trigger), "Escape returns focus to the trigger");

    // Enter opens; ArrowRight opens "Switch Account" on the current account; down to the next.
    await page.keyboard.press("Enter");
    await waitUntil(() => isFocused(switchItem), "Enter focuses the first item");
    await page.keyboard.press("ArrowRight");
    const rows = page.getByRole("menuitemradio");
    await waitUntil(() => isFocused(rows.first()), "ArrowRight opens the submenu on its first row");
    expect(await rows.first().getAttribute("aria-checked")).toBe("true");
    expect(await rows.first().innerText()).toContain(grace.name);
    // The demo runs in per-tab mode, so each row is followed by its "Open in new tab" link.
    await page.keyboard.press("ArrowDown");
    const link = page.getByRole("menuitem", { name: `Open ${grace.name} in a new tab` });
    await waitUntil(() => isFocused(link), "ArrowDown moves to the account's Open in new tab link");
    await page.keyboard.press("ArrowDown");
    const next = rows.nth(1);
    await waitUntil(() => isFocused(next), "ArrowDown moves to the next account");
    const target = (await next.innerText()).includes(alan.name) ? alan : ada;
    await page.keyboard.press("Enter");

    await waitForActive(page, target);
    await page.getByRole("menu").first().waitFor({ state: "detached" });
    await waitUntil(() => isFocused(userButton(page)), "focus returns to the trigger after switching");
  });

  test("Manage accounts signs one account out of this browser", async () => {
    await userButton(page).click();
    await page.getByRole("menuitem", { name: "Manage Accounts" }).click();
    await page.waitForURL("/settings");
    const card = page.getByRole("region", { name: "Manage Accounts" });
    await card.getByRole("listitem").nth(2).waitFor();
    expect(await card.getByRole("listitem").count()).toBe(3);

    await card.getByRole("button", { name: `Sign out ${grace.name}` }).click();
    await card.getByRole("listitem").nth(2).waitFor({ state: "detached" });
    expect(await card.getByRole("listitem").allInnerTexts()).not.toContainEqual(expect.stringContaining(grace.name));

    const listed = (await (await page.request.get("/api/auth/multi-session/list-device-sessions")).json()) as Array<{
      user: { email: string };
    }>;
    expect(listed.map((entry) => entry.user.email).sort()).toEqual([ada.email, alan.email].sort());
  });

  test('"Sign out of all accounts" lands on the sign-in page with every session dead', async () => {
    const before = await context.cookies();
    const oldCookies = before.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
    expect(await getJson(demo.origin, "/get-session", oldCookies)).not.toBeNull();

    await page.goto("/");
    await userButton(page).click();
    await page.getByRole("menuitem", { name: "Sign out of all accounts" }).click();
    await page.waitForURL("/sign-in");
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();

    // Dead on the server, not only forgotten by this browser: the old cookies open nothing.
    expect(await getJson(demo.origin, "/get-session", oldCookies)).toBeNull();
    expect(await getJson(demo.origin, "/multi-session/list-device-sessions", oldCookies)).toEqual([]);
    expect(await (await page.request.get("/api/auth/get-session")).json()).toBeNull();
    expect(await (await page.request.get("/api/auth/multi-session/list-device-sessions")).json()).toEqual([]);
  });
});
