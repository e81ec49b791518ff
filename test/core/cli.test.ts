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

  for (const args of [["--help"], ["-h"], ["help"]]) {
    test(`kernia ${args.join(" ")} prints the usage, its commands and the environment they read, and exits 0`, async () => {
      const res = await kernia(args);
      expect(res.code).toBe(0);
      expect(res.stderr).toBe("");
      expect(res.stdout).toMatch(/^Usage: kernia <command>/);
      expect(res.stdout).toMatch(/^ {2}migrate /m);
      expect(res.stdout).toMatch(/^ {2}secret /m);
      expect(res.stdout).toMatch(/DATABASE_URL/);
    });
  }

  for (const args of [["migrate", "--help"], ["migrate", "-h"], ["help", "migrate"]]) {
    test(`kernia ${args.join(" ")} prints the command's usage without migrating anything`, async () => {
      // A DATABASE_URL that would fail: help must not get as far as opening it.
      const res = await kernia(args, { DATABASE_URL: "oracle://db/x" });
      expect(res.code).toBe(0);
      expect(res.stderr).toBe("");
      expect(res.stdout).toMatch(/^Usage: kernia migrate/);
      expect(res.stdout).toMatch(/DATABASE_URL/);
    });
  }

  test("kernia secret --help prints the command's usage instead of a secret", async () => {
    const res = await kernia(["secret", "--help"]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Usage: kernia secret/);
    expect(res.stdout).not.toMatch(/^[A-Za-z0-9_-]{43}$/m);
  });

  test("an unknown command prints what was wrong and the usage on stderr, and exits 2", async () => {
    const res = await kernia(["frobnicate"]);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe("");
    expect(res.stderr).toMatch(/^kernia: unknown command "frobnicate"\n\nUsage: kernia <command>[\s\S]*migrate/);
  });

  test("an unknown option, a missing command or an extra argument is a usage error too (exit 2)", async () => {
    const results = await Promise.all([kernia(["--frobnicate"]), kernia([]), kernia(["secret", "extra"]), kernia(["help", "nope"])]);
    expect(results.map((res) => res.code)).toEqual([2, 2, 2, 2]);
    expect(results[0]?.stderr).toMatch(/^kernia: unknown option "--frobnicate"/);
    expect(results[1]?.stderr).toMatch(/^kernia: no command given/);
    expect(results[2]?.stderr).toMatch(/^kernia: secret takes no arguments[\s\S]*Usage: kernia secret/);
    expect(results[3]?.stderr).toMatch(/^kernia: unknown command "nope"/);
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

  test("an error is printed once, without a doubled \"kernia: kernia:\" prefix", async () => {
    const res = await kernia(["migrate"], { DATABASE_URL: "oracle://db/x" });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe('kernia: option "database" has an unknown scheme "oracle": use sqlite:, postgres:// or mysql://\n');
  });

  test("a migration that cannot reach its database prints the cause, not only that it failed", async () => {
    // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
    const res = await kernia(["migrate"], { DATABASE_URL: "postgres://kernia@127.0.0.1:1/kernia" });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^kernia: migrations could not run: the database is unreachable\n {2}caused by: .*ECONNREFUSED/);
    expect(res.stderr).not.toMatch(/kernia: kernia:/);
  });

  const urlWith = (url: string, edit: (u: URL) => void) => {
    const u = new URL(url);
    edit(u);
    return u.toString();
  };
  for (const dialect of DIALECTS.filter((d) => d.name !== "sqlite")) {
    test.skipIf(!dialect.available)(`migrate against a ${dialect.name} database that does not exist says so, not that the server is unreachable`, async () => {
      const database = await dialect.create();
      await database.drop();
      const res = await kernia(["migrate"], { DATABASE_URL: database.url });
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/^kernia: migrations could not run: the database named in the URL does not exist\n {2}caused by: /);
    });
  }

  const mysql = DIALECTS.find((d) => d.name === "mysql");
  test.skipIf(!mysql?.available)("migrate with a wrong MySQL password says the credentials were refused", async () => {
    const database = await mysql!.create();
    try {
      const res = await kernia(["migrate"], { DATABASE_URL: urlWith(database.url, (u) => (u.password = "not-the-password")) });
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/^kernia: migrations could not run: the database refused the user name or password\n {2}caused by: /);
    } finally {
      await database.drop();
    }
  });
});
