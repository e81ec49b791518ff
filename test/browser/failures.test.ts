import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  PASSWORD,
  ada,
  browserAvailable,
  launchChromium,
  signUpViaApi,
  startDemo,
  type RunningDemo,
} from "./support/demo.js";

/** A failed request shows a message in the demo, never a blank page. */
describe.skipIf(!browserAvailable())("the demo when things go wrong, in Chromium", () => {
  let demo: RunningDemo;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemo(), launchChromium()]);
    await signUpViaApi(demo.origin, ada);
    page = await (await browser.newContext({ baseURL: demo.origin })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test("a wrong password shows a message on the sign-in form", async () => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(ada.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.innerText()).toBe("That email and password don't match an account.");
  });

  test("signing up with an email that is taken shows a message", async () => {
    await page.goto("/sign-up");
    await page.getByLabel("Name").fill("Another Ada");
    await page.getByLabel("Email").fill(ada.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.innerText()).toContain("already exists");
  });

  test("an unknown address answers 404 with a page that says so", async () => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
  });

  test("with the server gone, the pages say it cannot be reached instead of going blank", async () => {
    await page.goto("/");
    await page.getByRole("link", { name: "Sign up", exact: true }).waitFor();
    const signIn = await (await browser.newContext({ baseURL: demo.origin })).newPage();
    await signIn.goto("/sign-in");
    await signIn.getByLabel("Email").waitFor();

    await demo.stop();

    // The home page refetches its session when the window regains focus.
    await page.evaluate(() => window.dispatchEvent(new Event("focus")));
    await page.getByRole("alert").filter({ hasText: "Can't reach the server" }).waitFor();
    await page.getByRole("heading", { level: 1 }).waitFor();

    await signIn.getByLabel("Email").fill(ada.email);
    await signIn.getByLabel("Password").fill(PASSWORD);
    await signIn.getByRole("button", { name: "Sign in", exact: true }).click();
    await signIn.getByRole("alert").filter({ hasText: "Can't reach the server" }).waitFor();
  });
});
