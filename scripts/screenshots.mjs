// `npm run screenshots [folder]`: pictures of the open account switcher and of the Manage
// accounts card, light and dark, from the real demo in Debian's Chromium. Builds nothing: it
// starts the built demo (`npm run build` first) on a free port with a throwaway database.
// Writes to the folder given as first argument, else $SCREENSHOTS_DIR, else docs/screenshots.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { launchChromium, startDemo } from "./demo-harness.mjs";

const outDir = resolve(process.argv[2] ?? process.env.SCREENSHOTS_DIR ?? "docs/screenshots");
const PASSWORD = "correct-horse-battery";
// Signed in in this order, so the last is active and listed first. Each has a picture (an SVG
// data URL, as an app's avatar service might give), so the shots show images, not only initials.
const PEOPLE = [
  { name: "Grace Hopper", email: "grace@example.com", colors: ["#f59e0b", "#ef4444"] },
  { name: "Alan Turing", email: "alan@example.com", colors: ["#10b981", "#0ea5e9"] },
  { name: "Ada Lovelace", email: "ada@example.com", colors: ["#6366f1", "#d946ef"] },
];

function avatar({ name, colors: [from, to] }) {
  const initials = name
    .split(" ")
    .map((word) => word[0])
    .join("");
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">` +
    `<defs><linearGradient id="g" x2="1" y2="1"><stop stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>` +
    `<rect width="64" height="64" fill="url(#g)"/>` +
    `<text x="32" y="40.5" fill="#fff" font-family="Arial, sans-serif" font-size="22" font-weight="700" text-anchor="middle">${initials}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** The smallest rectangle around `boxes`, grown by `pad` and kept inside the page. */
function around(boxes, pad, viewport) {
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - pad);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - pad);
  const right = Math.min(viewport.width, Math.max(...boxes.map((b) => b.x + b.width)) + pad);
  const bottom = Math.min(viewport.height, Math.max(...boxes.map((b) => b.y + b.height)) + pad);
  return { x, y, width: right - x, height: bottom - y };
}

async function box(locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`screenshots: ${locator} is not on screen`);
  return found;
}

/** Waits until every avatar shows its picture (Radix shows initials until the image loads). */
async function picturesLoaded(page) {
  await page.waitForFunction(() => {
    const avatars = [...globalThis.document.querySelectorAll(".kernia-avatar")];
    return avatars.length > 0 && avatars.every((avatar) => avatar.querySelector("img")?.complete);
  });
}

async function post(origin, path, body) {
  const response = await globalThis.fetch(`${origin}/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`screenshots: ${path} answered ${response.status}: ${await response.text()}`);
}

async function shoot(browser, origin, colorScheme) {
  const viewport = { width: 1040, height: 600 };
  const context = await browser.newContext({ baseURL: origin, viewport, deviceScaleFactor: 2, colorScheme });
  try {
    for (const person of PEOPLE) {
      const response = await context.request.post("/api/auth/sign-in/email", {
        data: { email: person.email, password: PASSWORD },
        headers: { origin },
      });
      if (!response.ok()) throw new Error(`screenshots: sign-in of ${person.email} answered ${response.status()}`);
    }
    const page = await context.newPage();
    const options = { animations: "disabled", caret: "hide", scale: "device" };

    // The user button's menu with "Switch Account" open, the pointer resting on another account.
    // The page below is blanked so the menus read clearly; they are the subject.
    await page.goto("/");
    await page.addStyleTag({ content: "main { visibility: hidden; }" });
    const trigger = page.getByRole("button", { name: /^Account menu for / });
    await trigger.click();
    const switchItem = page.getByRole("menuitem", { name: "Switch Account" });
    await switchItem.hover();
    const rows = page.getByRole("menuitemradio");
    await rows.nth(PEOPLE.length - 1).waitFor();
    await picturesLoaded(page);
    const target = await box(rows.nth(1));
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
    const menus = await page.getByRole("menu").all();
    const boxes = [await box(trigger), ...(await Promise.all(menus.map(box)))];
    const switcher = join(outDir, `switcher-${colorScheme}.png`);
    await page.screenshot({ ...options, path: switcher, clip: around(boxes, 28, viewport) });
    await page.keyboard.press("Escape");

    // Settings, with the Manage accounts card.
    await page.goto("/settings");
    const card = page.getByRole("region", { name: "Manage Accounts" });
    await card.getByRole("listitem").nth(PEOPLE.length - 1).waitFor();
    await page.mouse.move(0, 0);
    await picturesLoaded(page);
    const manage = join(outDir, `manage-accounts-${colorScheme}.png`);
    // 20 px: less than the gap above the card, so the page's lead line stays out of the picture.
    await page.screenshot({ ...options, path: manage, clip: around([await box(card)], 20, viewport) });
    return [switcher, manage];
  } finally {
    await context.close();
  }
}

mkdirSync(outDir, { recursive: true });
const demo = await startDemo();
let browser;
try {
  for (const person of PEOPLE) {
    const { name, email } = person;
    await post(demo.origin, "/sign-up/email", { name, email, image: avatar(person), password: PASSWORD });
  }
  browser = await launchChromium();
  for (const colorScheme of ["light", "dark"]) {
    for (const file of await shoot(browser, demo.origin, colorScheme)) console.log(`screenshots: ${file}`);
  }
} finally {
  await browser?.close();
  await demo.stop();
}
