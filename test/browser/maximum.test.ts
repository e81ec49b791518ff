import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ada,
  alan,
  browserAvailable,
  clickSubmenuItem,
  getJson,
  grace,
  launchChromium,
  openSwitcher,
  signInWithForm,
  signUpViaApi,
  startDemo,
  switcherNames,
  type RunningDemo,
} from "./support/demo.js";

/** The demo started with KERNIA_MULTI_SESSION_MAXIMUM=2, and accounts added from the switcher. */
describe.skipIf(!browserAvailable())("the demo with KERNIA_MULTI_SESSION_MAXIMUM=2 in Chromium", () => {
  let demo: RunningDemo;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [demo, browser] = await Promise.all([
      startDemo({ env: { KERNIA_MULTI_SESSION_MAXIMUM: "2" } }),
      launchChromium(),
    ]);
    for (const person of [ada, grace, alan]) await signUpViaApi(demo.origin, person);
    page = await (await browser.newContext({ baseURL: demo.origin })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test('"Add account" opens the sign-in form and comes back to / with the new account active', async () => {
    await page.goto("/sign-in");
    await signInWithForm(page, ada);

    await openSwitcher(page);
    await clickSubmenuItem(page, page.getByRole("menuitem", { name: "Add Account" }));
    await page.waitForURL("/sign-in?add=1");
    await page.getByRole("heading", { level: 1, name: "Add an account" }).waitFor();
    await signInWithForm(page, grace);
    expect(new URL(page.url()).pathname).toBe("/");

    const submenu = await openSwitcher(page);
    expect(await switcherNames(submenu)).toEqual([grace.name, ada.name]);
    await page.keyboard.press("Escape");
  });

  test("a third sign-in drops the oldest account from the switcher and ends its session", async () => {
    const cookiesBefore = (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");

    await openSwitcher(page);
    await clickSubmenuItem(page, page.getByRole("menuitem", { name: "Add Account" }));
    await page.waitForURL("/sign-in?add=1");
    await signInWithForm(page, alan);

    const submenu = await openSwitcher(page);
    expect(await switcherNames(submenu)).toEqual([alan.name, grace.name]);
    await page.keyboard.press("Escape");

    // Evicted means revoked, not just unlisted: the list cookie from before Alan lists Grace only.
    const stale = (await getJson(demo.origin, "/multi-session/list-device-sessions", cookiesBefore)) as Array<{
      user: { email: string };
    }>;
    expect(stale.map((entry) => entry.user.email)).toEqual([grace.email]);
  });
});
