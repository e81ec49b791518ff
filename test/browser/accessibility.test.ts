import { createRequire } from "node:module";
import type { AxeResults } from "axe-core";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  PASSWORD,
  ada,
  alan,
  browserAvailable,
  launchChromium,
  openSwitcher,
  startDemo,
  userButton,
  type RunningDemo,
} from "./support/demo.js";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface Finding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe-core on the page as it is now; returns the serious and critical violations. */
async function seriousViolations(page: Page): Promise<Finding[]> {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run(context: Document): Promise<AxeResults> } };
    const { violations } = await axe.run(document);
    return violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? "unknown",
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
  });
  return results.filter((finding) => finding.impact === "serious" || finding.impact === "critical");
}

/** Each demo page, light and dark: no axe-core violation of impact serious or critical. */
for (const colorScheme of ["light", "dark"] as const) {
  describe.skipIf(!browserAvailable())(`accessibility of the demo's pages (${colorScheme})`, () => {
    let demo: RunningDemo;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      [demo, browser] = await Promise.all([startDemo(), launchChromium()]);
      // The demo's CSP allows no inline script, which is how axe-core gets injected.
      context = await browser.newContext({ baseURL: demo.origin, colorScheme, bypassCSP: true });
      page = await context.newPage();
    });
    afterAll(async () => {
      await browser?.close();
      await demo?.stop();
    });

    test("sign-in", async () => {
      await page.goto("/sign-in");
      await page.getByLabel("Password").waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("sign-up, showing an error", async () => {
      await page.goto("/sign-up");
      await page.getByLabel("Name").fill("Short Password");
      await page.getByLabel("Email").fill("short@example.com");
      // The browser's own check stops a too-short password; the server's answer is what is shown.
      await page.getByLabel("Password").evaluate((input) => input.removeAttribute("minlength"));
      await page.getByLabel("Password").fill("short");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.getByRole("alert").waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("home, signed out", async () => {
      await page.goto("/");
      await page.getByRole("link", { name: "Sign up", exact: true }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("home, signed in, with the user menu and the switcher open", async () => {
      for (const person of [ada, alan]) {
        const response = await context.request.post("/api/auth/sign-up/email", {
          data: { ...person, password: PASSWORD },
          headers: { origin: demo.origin },
        });
        expect(response.status()).toBe(200);
      }
      await page.goto("/");
      await userButton(page).click();
      await page.getByRole("menuitem", { name: "Manage Accounts" }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press("Escape");

      await openSwitcher(page);
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press("Escape");
    });

    test("settings, with Manage accounts", async () => {
      await page.goto("/settings");
      await page.getByRole("region", { name: "Manage Accounts" }).getByRole("listitem").nth(1).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
