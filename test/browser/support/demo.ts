import type { Locator, Page } from "playwright-core";
import { chromiumAvailable, CHROMIUM_PATH } from "../../../scripts/demo-harness.mjs";

export { launchChromium, startDemo } from "../../../scripts/demo-harness.mjs";
export type { RunningDemo } from "../../../scripts/demo-harness.mjs";

/**
 * Whether the browser suites can run. Without Chromium they are skipped with a message, unless
 * KERNIA_REQUIRE_SERVICES=1 (CI), where a missing browser fails the run.
 */
export function browserAvailable(): boolean {
  if (chromiumAvailable()) return true;
  if (process.env.KERNIA_REQUIRE_SERVICES === "1") {
    throw new Error(`Chromium is required (KERNIA_REQUIRE_SERVICES=1) but ${CHROMIUM_PATH} is missing`);
  }
  console.warn(`[kernia tests] ${CHROMIUM_PATH} is missing, the browser suites are skipped (apt-get install chromium)`);
  return false;
}

export interface Person {
  name: string;
  email: string;
}

export const PASSWORD = "correct-horse-battery";
export const ada: Person = { name: "Ada Lovelace", email: "ada@example.com" };
export const grace: Person = { name: "Grace Hopper", email: "grace@example.com" };
export const alan: Person = { name: "Alan Turing", email: "alan@example.com" };

/** The account menu's trigger, whoever is signed in. */
export const userButton = (page: Page): Locator => page.getByRole("button", { name: /^Account menu for / });

/** Resolves once `page` shows `person` as the active account: in the user button and the page. */
export async function waitForActive(page: Page, person: Person, timeout = 10_000): Promise<void> {
  const trigger = page.getByRole("button", { name: `Account menu for ${person.name}, ${person.email}`, exact: true });
  await trigger.waitFor({ timeout });
  await page.getByRole("heading", { level: 1, name: `Welcome, ${person.name}` }).waitFor({ timeout });
}

/** Fills and submits the sign-up form the page is on, and waits for the home page as `person`. */
export async function signUpWithForm(page: Page, person: Person): Promise<void> {
  await page.getByLabel("Name").fill(person.name);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await waitForActive(page, person);
}

/** Fills and submits the sign-in form the page is on, and waits for the home page as `person`. */
export async function signInWithForm(page: Page, person: Person): Promise<void> {
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await waitForActive(page, person);
}

/** Opens the user button's menu and its "Switch Account" submenu with the mouse. */
export async function openSwitcher(page: Page): Promise<Locator> {
  await userButton(page).click();
  await page.getByRole("menuitem", { name: "Switch Account" }).click();
  const submenu = page.getByRole("menu").filter({ has: page.getByRole("menuitemradio") });
  await submenu.waitFor();
  return submenu;
}

/**
 * Clicks an item of an open submenu, moving the pointer there in steps as a hand does. (A
 * pointer that jumps from the submenu's trigger straight into it in one event makes Radix close
 * the submenu, which no mouse can do.)
 */
export async function clickSubmenuItem(page: Page, item: Locator): Promise<void> {
  const box = await item.boundingBox();
  if (!box) throw new Error("the submenu item is not visible");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 10 });
  await item.click();
}

/** The names of the accounts the open switcher lists, in its order (current first). */
export async function switcherNames(submenu: Locator): Promise<string[]> {
  const rows = await submenu.getByRole("menuitemradio").all();
  return Promise.all(rows.map((row) => row.locator(".kernia-account__name").innerText()));
}

/** Whether `locator` is the focused element. */
export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** Polls `condition` until it holds; fails with `message` after `timeout` ms. */
export async function waitUntil(condition: () => Promise<boolean>, message: string, timeout = 5_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Presses Tab until `target` has focus, as a keyboard user reaches it. */
export async function tabTo(page: Page, target: Locator, maxPresses = 15): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press("Tab");
  }
  if (!(await isFocused(target))) throw new Error(`Tab never reached the element in ${maxPresses} presses`);
}

/** GETs an auth endpoint with a given Cookie header (or none), as another client would. */
export async function getJson(origin: string, path: string, cookie?: string): Promise<unknown> {
  const response = await fetch(`${origin}/api/auth${path}`, { headers: cookie ? { cookie } : {} });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** Creates an account through the API, without a browser. */
export async function signUpViaApi(origin: string, person: Person): Promise<void> {
  const response = await fetch(`${origin}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...person, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-up of ${person.email} answered ${response.status}: ${await response.text()}`);
}
