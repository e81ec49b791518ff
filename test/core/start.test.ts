import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, expect, test } from "vitest";

const SERVER = resolve("dist/demo/server.js");

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

let child: ChildProcess | undefined;
const cwd = mkdtempSync(join(tmpdir(), "kernia-start-"));
afterAll(() => {
  child?.kill("SIGTERM");
  rmSync(cwd, { recursive: true, force: true });
});

// `npm start` runs this file; `npm test` builds it first.
test("the README's `npm start` is the server these tests run", () => {
  const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
  expect(scripts.start).toBe("node dist/demo/server.js");
  expect(SERVER.endsWith("dist/demo/server.js")).toBe(true);
});

test("the built server answers /api/auth/ok within 10 s, on SQLite under .kernia/ with a generated dev secret", async () => {
  expect(existsSync(SERVER), "run `npm run build` first").toBe(true);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NODE_ENV: "development" };
  delete env.KERNIA_SECRET;
  delete env.DATABASE_URL;
  delete env.KERNIA_BASE_URL;
  delete env.REDIS_URL;
  child = spawn(process.execPath, [SERVER], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));

  const deadline = Date.now() + 10_000;
  let status = 0;
  while (Date.now() < deadline && status !== 200) {
    status = await fetch(`http://127.0.0.1:${port}/api/auth/ok`).then((r) => r.status, () => 0);
    if (status !== 200) await new Promise((r) => setTimeout(r, 100));
  }
  expect(status).toBe(200);
  expect(existsSync(join(cwd, ".kernia", "secret"))).toBe(true);
  expect(existsSync(join(cwd, ".kernia", "kernia.db"))).toBe(true);
  expect(stderr).toMatch(/KERNIA_SECRET is not set/);
  const home = await fetch(`http://127.0.0.1:${port}/`);
  expect(home.status).toBe(200);
});

test("in production the server refuses to start without KERNIA_SECRET", async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(await freePort()), NODE_ENV: "production" };
  delete env.KERNIA_SECRET;
  const refused = spawn(process.execPath, [SERVER], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  refused.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => refused.on("exit", done));
  expect(code).not.toBe(0);
  expect(stderr).toMatch(/KERNIA_SECRET/);
});
