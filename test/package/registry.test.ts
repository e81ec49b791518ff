import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { registryItemSchema, registrySchema } from "shadcn/schema";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { writeOfflineApp, type PackedManifest } from "./offline-app.js";

/**
 * Issue 11, the UI as copy-in source: registry/multi-session.json (a shadcn registry item) and
 * registry.json are generated from src/ by scripts/build-registry.mjs. Here: the committed files are
 * what the generator writes now, they pass shadcn's published schemas, and the shadcn CLI installs
 * the item into a fresh React app with no network; the app (with docs/registry.md's code) then
 * type-checks and server-renders the copied switcher inside the package's <UserButton> provider.
 *
 * The app gets Kernia the way a user does: `npm pack` of the built repo, installed offline with the
 * lockfile helper of install.test.ts. Packing is a few seconds, and a symlink would let the app see
 * the repo's node_modules.
 */

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const SHADCN = join(ROOT, "node_modules/shadcn/dist/index.js");
const FILES = ["registry/multi-session.json", "registry.json"] as const;

const work = mkdtempSync(join(tmpdir(), "kernia-registry-"));
const app = join(work, "app");
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface ItemFile {
  path: string;
  content: string;
  type: string;
  target: string;
}
interface Item {
  name: string;
  dependencies: string[];
  files: ItemFile[];
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, "utf8"));
const item = readJson(join(ROOT, "registry/multi-session.json")) as Item;

/** The environment of commands run in the app: npm offline, none of the repo's npm_* variables. */
function appEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(package_|lifecycle_|config_local_prefix$|command$)|^INIT_CWD$/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, NODE_ENV: "development", npm_config_offline: "true" };
}

/** Runs a command; a non-zero exit fails with its output. */
async function sh(file: string, args: string[], cwd: string) {
  try {
    return await run(file, args, { cwd, env: appEnv(), timeout: 180_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failed = error as { message: string; stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(" ")} failed: ${failed.message}\n${failed.stdout ?? ""}\n${failed.stderr ?? ""}`);
  }
}

/** docs/registry.md's code blocks, each `<!-- registry-app:start <path in the app> -->`. */
function docsBlocks(): Array<{ path: string; code: string }> {
  const page = readFileSync(join(ROOT, "docs/registry.md"), "utf8");
  const pattern = /<!-- registry-app:start (\S+) -->\n```tsx?\n([\s\S]*?)\n```\n<!-- registry-app:end -->/g;
  return [...page.matchAll(pattern)].map((match) => ({ path: match[1]!, code: `${match[2]!}\n` }));
}

describe("the registry files", () => {
  test("registry/multi-session.json and registry.json are what `npm run registry` generates from src/ now", async () => {
    const out = join(work, "generated");
    await sh(process.execPath, [join(ROOT, "scripts/build-registry.mjs"), "--out", out], ROOT);
    for (const file of FILES) {
      expect(readFileSync(join(ROOT, file), "utf8"), `${file} is stale: run npm run registry`).toBe(readFileSync(join(out, file), "utf8"));
    }
  }, 120_000);

  test("both validate against the schemas published by the shadcn package", () => {
    const parsedItem = registryItemSchema.safeParse(item);
    expect(parsedItem.error).toBeUndefined();
    expect(parsedItem.data?.type).toBe("registry:block");
    const parsedIndex = registrySchema.safeParse(readJson(join(ROOT, "registry.json")));
    expect(parsedIndex.error).toBeUndefined();
    expect(parsedIndex.data?.items.map((entry: { name: string }) => entry.name)).toEqual(["multi-session"]);
  });

  test("the item holds the switcher, its hooks and multiSessionPlugin(), importing only the public package, its dependencies and siblings", () => {
    const names = item.files.map((file) => basename(file.path));
    expect(names).toEqual(
      expect.arrayContaining(["switch-account-submenu.tsx", "manage-accounts.tsx", "use-set-active-session.ts", "multi-session-plugin.ts", "icons.tsx"]),
    );
    expect(item.files.filter((file) => file.type === "registry:hook").length).toBeGreaterThan(3);
    for (const file of item.files) {
      expect(file.target, file.path).toBe(`@components/kernia/${basename(file.path)}`);
      for (const [, specifier] of file.content.matchAll(/^(?:import|export)[^"]*? from "([^"]+)";$/gm)) {
        if (specifier!.startsWith(".")) {
          // A sibling, without ".js" (bundler resolution), that the item itself brings.
          expect(specifier, file.path).toMatch(/^\.\/[\w-]+$/);
          expect(names, `${file.path} imports ${specifier}`).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${specifier!.slice(2)}\\.tsx?$`))]));
        } else if (specifier!.startsWith("kernia")) {
          expect(["kernia/react", "kernia/client", "kernia/client/plugins"], file.path).toContain(specifier);
        } else {
          const name = specifier!.startsWith("@") ? specifier!.split("/").slice(0, 2).join("/") : specifier!.split("/")[0]!;
          expect(["react", ...item.dependencies], `${file.path} imports ${specifier}`).toContain(name);
        }
      }
    }
    expect(item.dependencies).toEqual(["@radix-ui/react-dropdown-menu", "kernia"]);
  });

  test("docs/registry.md names every file of the item", () => {
    const page = readFileSync(join(ROOT, "docs/registry.md"), "utf8");
    const unnamed = item.files.map((file) => basename(file.path)).filter((name) => !page.includes(`\`${name}\``));
    expect(unnamed).toEqual([]);
  });
});

describe("`shadcn add` of the item into a fresh React app, offline", { timeout: 180_000 }, () => {
  let installed: string;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, "dist/src/index.js"))) throw new Error("dist/ is missing: run `npm run build` (npm test does)");
    // --ignore-scripts: `prepare` would rebuild dist/ under the other suites' feet.
    const { stdout } = await sh("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], ROOT);
    const [pack] = JSON.parse(stdout) as Array<{ filename: string }>;
    if (!pack) throw new Error(`npm pack printed no package: ${stdout}`);
    const tarball = join(work, pack.filename);
    const packed = JSON.parse((await run("tar", ["-xzOf", tarball, "package/package.json"])).stdout) as PackedManifest;
    // The app has React and TypeScript; the item's dependencies are installed first (the shadcn CLI
    // skips those already in package.json, so it runs no npm of its own).
    const userPackages = ["react", "react-dom", "typescript", "@types/react", "@types/react-dom", ...item.dependencies.filter((name) => name !== "kernia")];
    writeOfflineApp({ appDir: app, tarball, packed, repoLockfile: join(ROOT, "package-lock.json"), userPackages });
    await sh("npm", ["install", "--offline", "--no-audit", "--no-fund"], app);
    const manifestBefore = readFileSync(join(app, "package.json"), "utf8");

    // A Vite-style app: src/, "@/*" for src/*. `baseColor: ""`: the item has no CSS variables, and
    // with a base color the CLI would fetch its palette from ui.shadcn.com.
    writeFileSync(
      join(app, "components.json"),
      JSON.stringify({
        $schema: "https://ui.shadcn.com/schema.json",
        style: "new-york",
        rsc: false,
        tsx: true,
        tailwind: { config: "", css: "src/index.css", baseColor: "", cssVariables: true, prefix: "" },
        aliases: { components: "@/components", utils: "@/lib/utils", ui: "@/components/ui", lib: "@/lib", hooks: "@/hooks" },
      }),
    );
    const compilerOptions = {
      target: "ES2022",
      lib: ["ES2022", "DOM", "DOM.Iterable"],
      module: "ESNext",
      moduleResolution: "bundler",
      jsx: "react-jsx",
      strict: true,
      noUncheckedIndexedAccess: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      verbatimModuleSyntax: true,
      isolatedModules: true,
      skipLibCheck: false,
      noEmit: true,
      types: [],
      paths: { "@/*": ["./src/*"] },
    };
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["src"] }, null, 2));
    mkdirSync(join(app, "src"), { recursive: true });
    writeFileSync(join(app, "src/index.css"), "");

    // The path docs/registry.md gives: the item inside the installed package, of its own version.
    const packaged = "./node_modules/kernia/registry/multi-session.json";
    expect(readFileSync(join(app, packaged), "utf8")).toBe(readFileSync(join(ROOT, "registry/multi-session.json"), "utf8"));
    await sh(process.execPath, [SHADCN, "add", packaged, "--yes", "--overwrite", "--silent"], app);
    expect(readFileSync(join(app, "package.json"), "utf8")).toBe(manifestBefore);
    installed = join(app, "src/components/kernia");
  }, 300_000);

  test("every file of the item lands in the components alias's kernia/ folder", () => {
    for (const file of item.files) {
      const copy = join(installed, basename(file.path));
      expect(existsSync(copy), copy).toBe(true);
      // The CLI may reformat; the code is the item's.
      expect(readFileSync(copy, "utf8"), file.path).toContain(file.content.split("\n").filter((line) => line.startsWith("export function"))[0] ?? "");
    }
  });

  test("the app with the copied files and docs/registry.md's code type-checks under strict", async () => {
    const blocks = docsBlocks();
    expect(blocks.map((block) => block.path)).toEqual(["src/lib/auth-client.ts", "src/providers.tsx"]);
    // Every TypeScript block of the page is one of these: none is shown unchecked.
    expect(readFileSync(join(ROOT, "docs/registry.md"), "utf8").match(/^```(ts|tsx|js|jsx)$/gm)).toHaveLength(blocks.length);
    for (const block of blocks) {
      mkdirSync(dirname(join(app, block.path)), { recursive: true });
      writeFileSync(join(app, block.path), block.code);
    }
    writeFileSync(join(app, "src/render.tsx"), RENDER);
    await sh(process.execPath, [join(app, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], app);
  });

  test("the copied switcher and accounts card render on the server inside <AuthProvider>, with <UserButton>", async () => {
    const bundle = join(app, "render.mjs");
    await build({
      absWorkingDir: app,
      entryPoints: ["src/render.tsx"],
      outfile: bundle,
      bundle: true,
      platform: "node",
      format: "esm",
      jsx: "automatic",
      packages: "external",
      // "kernia/react/styles.css" is for the browser's bundler; Node cannot import CSS.
      plugins: [
        {
          name: "no-css",
          setup(css) {
            css.onResolve({ filter: /\.css$/ }, (args) => ({ path: args.path, namespace: "no-css" }));
            css.onLoad({ filter: /.*/, namespace: "no-css" }, () => ({ contents: "", loader: "js" }));
          },
        },
      ],
      logLevel: "silent",
    });
    expect(readFileSync(bundle, "utf8")).not.toMatch(/from "\.\.?\//);
    const { stdout, stderr } = await sh(process.execPath, [bundle], app);
    expect(stderr).toBe("");
    // <UserButton> from the package, showing the loaded account.
    expect(stdout).toMatch(/<button[^>]*class="kernia-user-button[^"]*"[^>]*aria-label="Account menu for Ada Lovelace[^"]*"/);
    // The copied submenu, with the string the copied multiSessionPlugin() set (docs/registry.md).
    expect(stdout).toContain("Switch account</span>");
    // The copied accounts card lists both accounts of the device.
    expect(stdout).toContain("ada@example.com");
    expect(stdout).toContain("grace@example.com");
  });
});

/** The app's server render: a fake auth server answers the two reads, then one renderToString. */
const RENDER = `import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { renderToString } from "react-dom/server";
import { UserButton } from "kernia/react";
import { ManageAccounts } from "@/components/kernia/manage-accounts";
import { SwitchAccountSubmenu } from "@/components/kernia/switch-account-submenu";
import { authClient } from "@/lib/auth-client";
import { Providers } from "@/providers";

const at = new Date("2026-01-01T00:00:00Z").toISOString();
const account = (n: number, name: string, email: string) => ({
  session: { id: \`s\${n}\`, userId: \`u\${n}\`, expiresAt: at, createdAt: at, updatedAt: at },
  user: { id: \`u\${n}\`, name, email, emailVerified: true, image: null, createdAt: at, updatedAt: at },
});
const ada = account(1, "Ada Lovelace", "ada@example.com");
const grace = account(2, "Grace Hopper", "grace@example.com");

globalThis.fetch = async (input: RequestInfo | URL) => {
  const path = String(input);
  const body = path.endsWith("/get-session") ? { ...ada, session: { ...ada.session, token: "t1" } } : path.endsWith("/multi-session/list-device-sessions") ? [ada, grace] : null;
  return new Response(JSON.stringify(body), { status: body ? 200 : 404, headers: { "content-type": "application/json" } });
};

await authClient.store.refetch();
await authClient.multiSession.store.refetch();

console.log(
  renderToString(
    <Providers>
      <UserButton />
      {/* The menu <UserButton> opens on click, open here: the copied submenu sits in it. */}
      <DropdownMenu.Root open modal={false}>
        <DropdownMenu.Trigger>menu</DropdownMenu.Trigger>
        <DropdownMenu.Content>
          <SwitchAccountSubmenu />
        </DropdownMenu.Content>
      </DropdownMenu.Root>
      <ManageAccounts />
    </Providers>,
  ),
);
`;
