// Starts the built demo and Debian's Chromium for the browser suite and `npm run screenshots`,
// so both drive the app exactly as `npm start` serves it. Types: demo-harness.d.mts.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const DEMO_SERVER = join(ROOT, "dist/demo/server.js");
const DEMO_SHELL = join(ROOT, "dist/demo/public/index.html");

/** The system's Chromium; a downloaded browser is never used. */
export const CHROMIUM_PATH = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function chromiumAvailable() {
  return existsSync(CHROMIUM_PATH);
}

export function launchChromium() {
  if (!chromiumAvailable()) throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium)`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A port nobody listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

export async function startDemo(options = {}) {
  for (const file of [DEMO_SERVER, DEMO_SHELL]) {
    if (!existsSync(file)) throw new Error(`The demo is not built (${file} is missing): run \`npm run build\` first.`);
  }
  // Own folder, database and secret per run: runs never share accounts or cookies' keys.
  const dir = mkdtempSync(join(tmpdir(), "kernia-demo-"));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env = {
    PATH: process.env.PATH,
    PORT: String(port),
    KERNIA_BASE_URL: origin,
    DATABASE_URL: `sqlite:${join(dir, "demo.db")}`,
    KERNIA_SECRET: randomBytes(32).toString("base64url"),
    ...options.env,
  };
  const child = spawn(process.execPath, [DEMO_SERVER], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(signal ?? code)));
  let running = true;
  void exited.then(() => (running = false));

  const stop = async () => {
    if (running) {
      child.kill("SIGTERM");
      const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
      if (!done) child.kill("SIGKILL");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000);
  for (;;) {
    if (!running) {
      await stop();
      throw new Error(`The demo exited before it was ready:\n${output}`);
    }
    try {
      const response = await globalThis.fetch(`${origin}/api/auth/ok`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The demo was not ready on ${origin} in time:\n${output}`);
    }
    await sleep(100);
  }
  return { origin, port, dir, output: () => output, stop };
}
