import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { offerLocalSqlitePrebuild, writeOfflineApp, type PackedManifest } from "./offline-app.js";

/**
 * Issue #9: the package as a new user gets it. `npm pack` the built repo (`npm test` builds first),
 * install the tarball into a fresh app with only what the README tells a user to add, with no
 * network, and run the README's example, a type check of every public subpath, a server render of
 * the React components and the CLI there. Nothing here resolves to the repo's sources or
 * node_modules: the app sees only what it installed.
 */

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");

/** What the README has a user install beside Kernia, and what the type check needs. */
const USER_PACKAGES = ["better-sqlite3", "react", "react-dom", "typescript", "@types/react", "@types/node"] as const;

const work = mkdtempSync(join(tmpdir(), "kernia-install-"));
const app = join(work, "app");
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * The environment for commands run in the app. `npm test` exports its own `npm_package_*`,
 * `npm_lifecycle_*` and project paths to its children; the app is another project, so they go.
 */
function appEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(package_|lifecycle_|config_local_prefix$|command$)|^INIT_CWD$/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, NODE_ENV: "development", npm_config_offline: "true", ...extra };
}

/** Runs a command in the app; a non-zero exit fails with its output. */
async function inApp(file: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    return await run(file, args, { cwd: app, env: appEnv(env), timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failed = error as { message: string; stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(" ")} failed: ${failed.message}\n${failed.stdout ?? ""}\n${failed.stderr ?? ""}`);
  }
}

let tarballFiles: string[] = [];
let packed: PackedManifest;

beforeAll(async () => {
  // Never a silent skip: without a build there is nothing to pack, and that is a failure.
  if (!existsSync(join(ROOT, "dist/src/index.js"))) throw new Error("dist/ is missing: run `npm run build` (npm test does)");

  // --ignore-scripts: `prepare` would rebuild dist/ under the other suites' feet.
  const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: ROOT, env: appEnv() });
  const [pack] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  if (!pack) throw new Error(`npm pack printed no package: ${stdout}`);
  tarballFiles = pack.files.map((file) => file.path);
  const tarball = join(work, pack.filename);
  const manifest = await run("tar", ["-xzOf", tarball, "package/package.json"]);
  packed = JSON.parse(manifest.stdout) as PackedManifest;

  const { dependencies, peerDependencies, peerDependenciesMeta, optionalDependencies } = packed;
  console.log(
    `packed ${pack.filename}, dependency fields of its package.json:\n${JSON.stringify({ dependencies, peerDependencies, peerDependenciesMeta, optionalDependencies }, null, 2)}`,
  );

  writeOfflineApp({ appDir: app, tarball, packed, repoLockfile: join(ROOT, "package-lock.json"), userPackages: USER_PACKAGES });
  await offerLocalSqlitePrebuild(app, join(ROOT, "node_modules"));
  await inApp("npm", ["install", "--offline", "--no-audit", "--no-fund"]);
}, 300_000);

// Slow by nature (npm, tsc, child processes), and slower while the other suites run beside it.
describe("the packed package, installed into a fresh app", { timeout: 180_000 }, () => {
  test("the tarball holds the built library and the shadcn registry item only: no demo, no tests, no test helpers", () => {
    expect(tarballFiles).toContain("package.json");
    expect(tarballFiles).toContain("dist/src/index.js");
    expect(tarballFiles).toContain("registry/multi-session.json");
    const outside = tarballFiles.filter(
      (path) => !path.startsWith("dist/src/") && !/^(package\.json|README\.md|LICENSE(\.\w+)?|registry\/multi-session\.json)$/.test(path),
    );
    expect(outside).toEqual([]);
    expect(tarballFiles.filter((path) => /\.test\.|test-utils|(^|\/)demo\//.test(path))).toEqual([]);
  });

  test("every bin and export target of the packed package.json is in the tarball", () => {
    const targets: string[] = [...Object.values(packed.bin ?? {})];
    const collect = (value: unknown): void => {
      if (typeof value === "string") targets.push(value);
      else if (value && typeof value === "object") Object.values(value).forEach(collect);
    };
    collect(packed.exports);
    expect(targets.length).toBeGreaterThan(10);
    for (const target of targets) expect(tarballFiles).toContain(target.replace(/^\.\//, ""));
  });

  test("drivers and React are optional peers, and what kernia/react imports at run time is a dependency", () => {
    for (const name of ["better-sqlite3", "pg", "mysql2", "ioredis", "react", "react-dom"]) {
      expect(packed.peerDependencies?.[name], name).toBeDefined();
      expect(packed.peerDependenciesMeta?.[name]?.optional, name).toBe(true);
    }
    expect(packed.peerDependencies?.react).toBe("^18.0.0 || ^19.0.0");
    expect(packed.peerDependencies?.["react-dom"]).toBe("^18.0.0 || ^19.0.0");
    expect(Object.keys(packed.dependencies ?? {})).toEqual(
      expect.arrayContaining(["kysely", "zod", "@radix-ui/react-dropdown-menu", "@radix-ui/react-avatar"]),
    );
    // Nothing optional sits in `dependencies`, where npm would install it for everyone.
    for (const name of ["better-sqlite3", "pg", "mysql2", "ioredis", "react", "react-dom"]) expect(packed.dependencies?.[name]).toBeUndefined();
  });

  test("the README's server example runs, and a sign-up through it answers 200 with a session cookie", async () => {
    // docs/examples/integration.tsx's server part as plain JavaScript; port 0 instead of 3000.
    writeFileSync(
      join(app, "server.mjs"),
      `import { createServer } from "node:http";
import { kernia } from "kernia";
import { multiSession } from "kernia/plugins";
import { toNodeHandler } from "kernia/node";

export const auth = kernia({
  database: "sqlite:.kernia/kernia.db",
  secret: process.env.KERNIA_SECRET,
  plugins: [multiSession({ maximum: 5 })],
});
await auth.migrate();
const server = createServer(toNodeHandler(auth)).listen(0, "127.0.0.1", () => console.log(\`listening \${server.address().port}\`));
`,
    );
    const { stdout: secret } = await inApp("npx", ["kernia", "secret"]);
    const server = spawn(process.execPath, ["server.mjs"], { cwd: app, env: appEnv({ KERNIA_SECRET: secret.trim() }), stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    server.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const port = await new Promise<string>((resolvePort, reject) => {
        let stdout = "";
        server.stdout.on("data", (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /listening (\d+)/.exec(stdout);
          if (match?.[1]) resolvePort(match[1]);
        });
        server.on("exit", (code) => reject(new Error(`server.mjs exited with ${code}:\n${stdout}\n${stderr}`)));
      });
      const origin = `http://127.0.0.1:${port}`;
      const signUp = await fetch(`${origin}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "Ada", email: "ada@example.com", password: "correct horse battery" }),
      });
      expect(signUp.status, stderr).toBe(200);
      const cookies = signUp.headers.getSetCookie();
      const session = cookies.find((cookie) => cookie.startsWith("better-auth.session_token="));
      expect(session).toBeDefined();

      const current = await fetch(`${origin}/api/auth/get-session`, { headers: { cookie: session!.split(";")[0]! } });
      expect(current.status).toBe(200);
      expect(((await current.json()) as { user: { email: string } }).user.email).toBe("ada@example.com");
    } finally {
      const exited = new Promise((resolveExit) => server.once("exit", resolveExit));
      if (server.exitCode === null && server.kill()) await exited;
    }
  });

  test("an app importing every public subpath type-checks under strict with skipLibCheck: false", async () => {
    // The README's example whole (docs/examples/integration.tsx: the server and the React app in
    // one file), and a server file for what the example leaves out: Redis and the `Auth` type.
    const example = readFileSync(join(ROOT, "docs/examples/integration.tsx"), "utf8");
    writeFileSync(join(app, "app.tsx"), example);
    writeFileSync(
      join(app, "server.ts"),
      `import { createServer } from "node:http";
import { kernia, redisStorage } from "kernia";
import type { Auth } from "kernia";
import { multiSession } from "kernia/plugins";
import { toNodeHandler } from "kernia/node";

export const auth: Auth = kernia({
  database: "sqlite:.kernia/kernia.db",
  secret: process.env.KERNIA_SECRET,
  secondaryStorage: process.env.REDIS_URL ? redisStorage(process.env.REDIS_URL) : undefined,
  plugins: [multiSession({ maximum: 5 })],
});
await auth.migrate();
createServer(toNodeHandler(auth)).listen(3000);
`,
    );
    const compilerOptions = {
      strict: true,
      skipLibCheck: false,
      module: "nodenext",
      moduleResolution: "nodenext",
      target: "es2022",
      jsx: "react-jsx",
      // With the DOM library, as a React app has. (A server-only program without it does not
      // compile yet: Kernia's server types name the DOM's HeadersInit; issue #9.)
      lib: ["es2023", "dom", "dom.iterable"],
      types: ["node"],
      noEmit: true,
    };
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["app.tsx", "server.ts"] }, null, 2));
    await inApp(process.execPath, [join(app, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"]);
    // It really imported every subpath: a typo in the example must not shrink the check.
    for (const subpath of ["kernia", "kernia/node", "kernia/plugins", "kernia/client", "kernia/client/plugins", "kernia/react"]) {
      expect(example).toContain(`from "${subpath}"`);
    }
  });

  test("<AuthProvider> with <UserButton /> and <ManageAccounts /> renders on the server", async () => {
    writeFileSync(
      join(app, "render.mjs"),
      `import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createAuthClient } from "kernia/client";
import { multiSessionClient } from "kernia/client/plugins";
import { AuthProvider, ManageAccounts, UserButton, multiSessionPlugin } from "kernia/react";

const authClient = createAuthClient({ baseURL: "/api/auth", plugins: [multiSessionClient()] });
const app = createElement(
  AuthProvider,
  { authClient, plugins: [multiSessionPlugin()] },
  createElement(UserButton),
  createElement(ManageAccounts),
);
process.stdout.write(renderToString(app));
`,
    );
    const { stdout, stderr } = await inApp(process.execPath, ["render.mjs"]);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^<[a-z]/);
    expect(stdout.length).toBeGreaterThan(100);
  });

  test("npx kernia secret, migrate and --help work from the installed bin", async () => {
    const secret = await inApp("npx", ["kernia", "secret"]);
    expect(secret.stdout.trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const file = join(work, "migrate", "kernia.db");
    mkdirSync(join(work, "migrate"), { recursive: true });
    const migrate = await inApp("npx", ["kernia", "migrate"], { DATABASE_URL: `sqlite:${file}` });
    expect(migrate.stdout).toMatch(/^Applied: 0001_core_schema/);
    const db = new Database(file, { readonly: true });
    try {
      const tables = (db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((row) => row.name);
      expect(tables).toEqual(expect.arrayContaining(["user", "session", "account", "verification", "kernia_migration"]));
    } finally {
      db.close();
    }

    const help = await inApp("npx", ["kernia", "--help"]);
    expect(help.stdout).toMatch(/^Usage: kernia <command>[\s\S]*migrate[\s\S]*secret/);
  });
});
