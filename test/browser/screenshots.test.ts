import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { browserAvailable } from "./support/demo.js";

const FILES = ["switcher-light.png", "switcher-dark.png", "manage-accounts-light.png", "manage-accounts-dark.png"];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, which always comes first. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * `npm run screenshots` is run here exactly as a maintainer runs it, into a temporary folder, so
 * the pictures in docs/screenshots can always be made again from the demo as it is.
 */
describe.skipIf(!browserAvailable())("npm run screenshots", () => {
  const dir = mkdtempSync(join(tmpdir(), "kernia-screenshots-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("writes the switcher and Manage accounts, light and dark, as real pictures", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["scripts/screenshots.mjs", dir], { timeout: 90_000 });
    const pictures = FILES.map((name) => readFileSync(join(dir, name)));
    for (const [index, png] of pictures.entries()) {
      expect(stdout).toContain(FILES[index]);
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      const { width, height } = pngSize(png);
      expect(width).toBeGreaterThan(600);
      expect(height).toBeGreaterThan(400);
      // A blank or single-colour frame compresses to a few kilobytes; these hold text and avatars.
      expect(png.length).toBeGreaterThan(20_000);
    }
    // Light and dark differ: the theme really followed the colour scheme.
    expect(pictures[0]?.equals(pictures[1] as Buffer)).toBe(false);
    expect(pictures[2]?.equals(pictures[3] as Buffer)).toBe(false);
  }, 120_000);
});
