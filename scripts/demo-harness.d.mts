import type { Browser } from "playwright-core";

/** `dist/demo/server.js`, what `npm start` runs. */
export declare const DEMO_SERVER: string;
/** Debian's Chromium, `/usr/bin/chromium`. */
export declare const CHROMIUM_PATH: string;
/** Headless, no sandbox, no GPU, no background traffic. */
export declare const CHROMIUM_ARGS: readonly string[];

/** Whether Debian's Chromium is installed. */
export declare function chromiumAvailable(): boolean;

/**
 * Launches Debian's Chromium headless (never a downloaded browser).
 *
 * @example
 * const browser = await launchChromium();
 * const page = await browser.newPage();
 */
export declare function launchChromium(): Promise<Browser>;

/** A running demo process and how to stop it. */
export interface RunningDemo {
  /** `http://127.0.0.1:<port>`, also the demo's `KERNIA_BASE_URL`. */
  origin: string;
  port: number;
  /** The temporary folder that is the process's cwd and holds its SQLite file. */
  dir: string;
  /** Everything the process printed so far. */
  output(): string;
  /** Stops the process and deletes its folder. */
  stop(): Promise<void>;
}

/**
 * Starts the built demo (`node dist/demo/server.js`) on a free port with its own temporary
 * folder, SQLite database and secret, and resolves once it answers. Throws a clear message when
 * the demo is not built or does not start.
 *
 * @example
 * const demo = await startDemo({ env: { KERNIA_MULTI_SESSION_MAXIMUM: "2" } });
 * await page.goto(`${demo.origin}/sign-in`);
 * await demo.stop();
 */
export declare function startDemo(options?: {
  /** Extra environment; wins over the defaults above. */
  env?: Record<string, string>;
  /** How long to wait for the first answer. Default 20 s. */
  readyTimeoutMs?: number;
}): Promise<RunningDemo>;
