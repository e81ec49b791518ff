import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { DIALECTS } from "../support/dialects.js";

const run = promisify(execFile);
const CLI = resolve("dist/src/cli/index.js");
const cwd = mkdtempSync(join(tmpdir(), "kernia-cli-"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

async function kernia(args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("npx kernia", () => {
  test("secret prints a new 32-byte base64url secret each time", async () => {
    const [a, b] = await Promise.all([kernia(["secret"]), kernia(["secret"])]);
    expect(a.stdout.trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.stdout).not.toBe(b.stdout);
  });

  test("an unknown command prints the usage and exits non-zero", async () => {
    const res = await kernia(["frobnicate"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/Unknown command: frobnicate[\s\S]*migrate/);
  });

  for (const dialect of DIALECTS) {
    test.skipIf(!dialect.available)(`migrate applies the schema to DATABASE_URL on ${dialect.name}, then finds nothing to do`, async () => {
      const database = await dialect.create();
      try {
        const first = await kernia(["migrate"], { DATABASE_URL: database.url });
        expect(first.code).toBe(0);
        expect(first.stdout).toMatch(/Applied: 0001_core_schema/);
        const second = await kernia(["migrate"], { DATABASE_URL: database.url });
        expect(second.stdout).toMatch(/up to date/);
      } finally {
        await database.drop();
      }
    });
  }

  test("migrate with an unknown database scheme fails with a message naming the option", async () => {
    const res = await kernia(["migrate"], { DATABASE_URL: "oracle://db/x" });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/database.*unknown scheme/);
  });
});
