import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ada,
  alan,
  browserAvailable,
  clickSubmenuItem,
  grace,
  waitUntil,
  launchChromium,
  openSwitcher,
  PASSWORD,
  startDemo,
  waitForActive,
  type Person,
  type RunningDemo,
} from "./support/demo.js";

type Entry = { session: { id: string }; user: { email: string } };

/** Signs `person` up from inside `page`, so the context's cookie jar gains the account. */
async function signUpInPage(page: Page, person: Person): Promise<void> {
  await page.evaluate(
    async ({ person, password }) => {
      const response = await fetch("/api/auth/sign-up/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...person, password }),
      });
      if (!response.ok) throw new Error(`sign-up answered ${response.status}`);
    },
    { person, password: PASSWORD },
  );
}

/** Shows `person` as the tab's account, and the app's own API route agrees. */
async function expectTabIs(page: Page, person: Person): Promise<void> {
  await waitForActive(page, person);
  const api = page.getByTestId("api-account");
  await waitUntil(async () => (await api.innerText()) === person.email, `the app's API answers ${person.email}`, 10_000);
}

/**
 * Issue 11's acceptance, in Debian's Chromium against the built demo (per-tab mode on): one
 * browser context, three accounts, tab 1 opened as Ada and tab 2 as Grace keep acting as them
 * through other tabs' switches, reloads and the app's own API calls, while tab 3 follows the
 * browser; signing Grace out elsewhere moves tab 2 to the browser's account with a notice.
 */
describe.skipIf(!browserAvailable())("per-tab accounts in Chromium", () => {
  let demo: RunningDemo;
  let browser: Browser;
  let context: BrowserContext;
  let tab1: Page;
  let tab2: Page;
  let tab3: Page;
  let tab4: Page;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemo(), launchChromium()]);
    context = await browser.newContext({ baseURL: demo.origin });
    tab3 = await context.newPage();
    await tab3.goto("/");
    for (const person of [ada, grace, alan]) await signUpInPage(tab3, person);
    const listed = (await (await tab3.request.get("/api/auth/multi-session/list-device-sessions")).json()) as Entry[];
    for (const entry of listed) ids[entry.user.email] = entry.session.id;
    await tab3.reload();
    await expectTabIs(tab3, alan);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test("tabs opened as Ada and as Grace act as them while tab 3 acts as the browser's account", async () => {
    tab1 = await context.newPage();
    await tab1.goto(`/?kernia_session=${ids[ada.email]}`);
    await expectTabIs(tab1, ada);
    tab2 = await context.newPage();
    await tab2.goto(`/?kernia_session=${ids[grace.email]}`);
    await expectTabIs(tab2, grace);
    await expectTabIs(tab3, alan);
  });

  test("a switch in another tab moves tab 3 and leaves tabs 1 and 2 on their accounts", async () => {
    tab4 = await context.newPage();
    await tab4.goto("/");
    await expectTabIs(tab4, alan);
    for (const person of [grace, ada]) {
      const submenu = await openSwitcher(tab4);
      await clickSubmenuItem(tab4, submenu.getByRole("menuitemradio", { name: new RegExp(person.name) }));
      await expectTabIs(tab4, person);
      await expectTabIs(tab3, person);
      await expectTabIs(tab1, ada);
      await expectTabIs(tab2, grace);
    }
  });

  test("reloads keep each tab's account, also after an in-app navigation drops the address parameter", async () => {
    await tab1.getByRole("link", { name: "Settings" }).click();
    await tab1.waitForURL("/settings");
    await tab1.reload();
    await tab1.goto("/");
    expect(new URL(tab1.url()).searchParams.has("kernia_session")).toBe(false);
    await expectTabIs(tab1, ada);
    for (const page of [tab2, tab3]) await page.reload();
    await expectTabIs(tab2, grace);
    await expectTabIs(tab3, ada);
  });

  test("fetches from the page carry the tab's account to the app's API", async () => {
    const asked = await tab2.evaluate(async () => {
      const id = sessionStorage.getItem("kernia.tab-session") ?? "";
      const response = await fetch("/api/me", { headers: { "x-kernia-session-id": id } });
      return ((await response.json()) as { email: string }).email;
    });
    expect(asked).toBe(grace.email);
  });

  test("signing Grace out in another tab moves tab 2 to the browser's account with a visible notice", async () => {
    await tab4.goto("/settings");
    const card = tab4.getByRole("region", { name: "Manage Accounts" });
    await card.getByRole("button", { name: `Sign out ${grace.name}` }).click();
    await card.getByRole("button", { name: `Sign out ${grace.name}` }).waitFor({ state: "detached" });

    await tab2.getByTestId("tab-notice").waitFor({ timeout: 10_000 });
    expect(await tab2.getByTestId("tab-notice").innerText()).toContain("signed out in another tab");
    await expectTabIs(tab2, ada);
    await expectTabIs(tab1, ada);
    expect(await tab2.evaluate(() => sessionStorage.getItem("kernia.tab-session"))).toBeNull();
    expect(new URL(tab2.url()).searchParams.has("kernia_session")).toBe(false);
  });
});
