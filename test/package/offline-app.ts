import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** One entry of a v3 package-lock's `packages`, as much of it as the walk below reads. */
interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [field: string]: unknown;
}

export interface PackedManifest {
  name: string;
  version: string;
  bin?: Record<string, string>;
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  optionalDependencies?: Record<string, string>;
}

/**
 * Where Node would find `name` from the package at `from` (a lock path such as
 * `node_modules/a/node_modules/b`, or "" for the root): its own node_modules first, then each
 * enclosing one.
 */
function resolveInLock(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  for (let base = from; ; ) {
    const path = `${base ? `${base}/` : ""}node_modules/${name}`;
    if (packages[path]) return path;
    if (!base) return undefined;
    const parent = base.lastIndexOf("/node_modules/");
    base = parent < 0 ? "" : base.slice(0, parent);
  }
}

/**
 * Writes `package.json` and `package-lock.json` of an app that depends on the packed tarball and on
 * `userPackages`, so that `npm install --offline` can install it from the npm cache alone.
 *
 * Why a lockfile: npm 11 resolves a name it has no lock entry for from the registry's full
 * packument, and `npm ci` caches only the abbreviated one, so `npm install --offline react` fails
 * with ENOTCACHED even though react's tarball is cached. A lock entry (version and integrity) lets npm
 * take the tarball from the cache, as `npm ci` does. The entries are the repo's own, at the versions
 * its tests ran with; only packages reachable from `userPackages` and from the *packed* manifest's
 * `dependencies` are written. So a package Kernia uses but does not declare is not installed, and a
 * declared one the repo has not installed is not cached: both fail the install or the app, loudly.
 */
export function writeOfflineApp(options: {
  appDir: string;
  tarball: string;
  packed: PackedManifest;
  repoLockfile: string;
  userPackages: readonly string[];
}): void {
  const { appDir, tarball, packed, userPackages } = options;
  const repo = (JSON.parse(readFileSync(options.repoLockfile, "utf8")) as { packages: Record<string, LockEntry> }).packages;

  const dependencies: Record<string, string> = { [packed.name]: `file:${tarball}` };
  for (const name of userPackages) {
    const version = repo[`node_modules/${name}`]?.version;
    if (!version) throw new Error(`${name} is not in package-lock.json: add it to devDependencies`);
    dependencies[name] = `^${version}`; // what `npm install <name>` writes
  }

  const packages: Record<string, LockEntry> = { "": { name: "app", dependencies } };
  const queue = [...userPackages, ...Object.keys(packed.dependencies ?? {}), ...Object.keys(packed.optionalDependencies ?? {})].map(
    (name) => resolveInLock(repo, "", name),
  );
  while (queue.length > 0) {
    const path = queue.shift();
    if (path === undefined || packages[path]) continue;
    // `dev`, `optional` and `peer` describe the repo's tree, not the app's; npm recomputes them.
    const { dev: _dev, devOptional: _devOptional, optional: _optional, peer: _peer, ...entry } = repo[path] as LockEntry;
    packages[path] = entry;
    const requiredPeers = Object.keys(entry.peerDependencies ?? {}).filter((name) => !entry.peerDependenciesMeta?.[name]?.optional);
    for (const name of [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}), ...requiredPeers]) {
      queue.push(resolveInLock(repo, path, name));
    }
  }

  mkdirSync(appDir, { recursive: true });
  const manifest = {
    name: "app",
    private: true,
    type: "module",
    dependencies,
    // better-sqlite3 must run its install script (it fetches or builds the native addon). Kernia's
    // `prepare` (the build) is denied: the tarball is already built, and npm never runs `prepare`
    // for a package installed from the registry.
    allowScripts: { "better-sqlite3": true, [packed.name]: false },
  };
  writeFileSync(join(appDir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(appDir, "package-lock.json"), `${JSON.stringify({ name: "app", lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
}

/**
 * Offers better-sqlite3's install script (`prebuild-install || node-gyp rebuild`) the addon this
 * repo's `npm ci` compiled, the way it would otherwise download a prebuilt one from GitHub: as a
 * local prebuild named like the download, found through a `.prebuild-installrc` in the app. With no
 * network, the fallback is compiling SQLite from source, about a minute of CPU beside the other
 * suites. If the name does not match (another libc, say), prebuild-install falls back to that build,
 * slower but still offline (`nodedir` points node-gyp at the installed Node headers).
 */
export async function offerLocalSqlitePrebuild(appDir: string, repoModules: string): Promise<void> {
  const source = join(repoModules, "better-sqlite3");
  const { version } = JSON.parse(readFileSync(join(source, "package.json"), "utf8")) as { version: string };
  const prebuilds = join(appDir, ".prebuilds");
  mkdirSync(prebuilds, { recursive: true });
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  await run("tar", ["-czf", join(prebuilds, name), "-C", source, "build/Release/better_sqlite3.node"]);
  writeFileSync(join(appDir, ".prebuild-installrc"), `local-prebuilds=${prebuilds}\n`);
}
