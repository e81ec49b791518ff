// Runs the benchmark: a bare node:http baseline, Kernia and Better Auth, each in its own child
// process on its own loopback port, driven by a separate load-generator process. Scenarios
// alternate the servers (the order rotates each repeat); the report gives the median of the
// repeats. Usage: node bench/run.mjs [--repeats=3] [--db=sqlite|postgres|both] [--scale=1]
// [--only=<parts of scenario names, comma-separated>] [--keep=1 keeps the databases and server logs]
import { execFileSync, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, openSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { createDatabase, dropDatabase } from "./postgres.mjs";
import { report } from "./report.mjs";
import { scenarios } from "./scenarios.mjs";
import { seed } from "./seed.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=")));
const repeats = Number(args.repeats ?? 3);
const scale = Number(args.scale ?? 1);
const dbs = args.db === "both" ? ["sqlite", "postgres"] : [args.db ?? "sqlite"];
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const work = join(here, ".work", stamp);
mkdirSync(work, { recursive: true });
const log = (...parts) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...parts);

const cores = availableParallelism();
// Kernia's default hashConcurrency is min(cores, libuv pool - 1); the variants measure 1, 2 and 4.
const SERVERS = [
  { id: "baseline", file: join(here, "servers/baseline.mjs"), auth: false },
  { id: "kernia", file: join(work, "kernia.mjs"), env: {} },
  ...[1, 2, 4].filter((n) => n !== cores).map((n) => ({ id: `kernia-h${n}`, file: join(work, "kernia.mjs"), env: { BENCH_HASH: String(n) } })),
  // Tells whether a stall comes from libuv's pool (4 threads) rather than from the cores.
  { id: "kernia-h4-uv8", file: join(work, "kernia.mjs"), env: { BENCH_HASH: "4", UV_THREADPOOL_SIZE: "8" } },
  { id: "better-auth", file: join(here, "servers/better-auth.mjs"), env: {} },
];

function start(server, db) {
  const out = openSync(join(work, `${server.id}-${db}.log`), "a");
  const child = fork(server.file, [], {
    env: { ...process.env, NODE_ENV: "production", BENCH_SECRET: randomBytes(32).toString("hex"), BENCH_DB: server.db, ...server.env },
    stdio: ["ignore", out, out, "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("message", ({ port }) => resolve({ ...server, child, port, origin: `http://127.0.0.1:${port}` }));
    child.once("exit", (code) => reject(new Error(`${server.id} exited with ${code}; see ${work}/${server.id}-${db}.log`)));
  });
}

function load(job) {
  const child = fork(join(here, "load.mjs"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("exit", (code) => code !== 0 && reject(new Error(`load generator exited with ${code}`)));
    child.send(job);
  });
}

async function runDatabase(db) {
  const running = [];
  const databases = [];
  try {
    for (const server of SERVERS) {
      let location = join(work, `${server.id}.db`);
      if (db === "postgres" && server.auth !== false) {
        location = await createDatabase(`kernia_bench_${process.pid}_${server.id.replace(/-/g, "_")}`);
        databases.push(location);
      }
      running.push(await start({ ...server, db: location }, db));
      log(`${server.id} (${db}) on ${running.at(-1).origin}`);
    }
    for (const server of running) if (server.auth !== false) server.seed = await seed(server.origin, server.id);
    log("seeded and checked every auth server");

    const results = [];
    for (let repeat = 0; repeat < repeats; repeat++) {
      for (const scenario of scenarios({ scale, cores }).filter((s) => !args.only || args.only.split(",").some((part) => s.id.includes(part)))) {
        const chosen = scenario.servers.map((id) => running.find((s) => s.id === id)).filter(Boolean);
        // Rotate the order each repeat so drift in the machine's load does not favour one server.
        const order = chosen.map((_, i) => chosen[(i + repeat) % chosen.length]);
        for (const server of order) {
          const streams = await load({ streams: scenario.streams(server) });
          results.push({ db, repeat, scenario: scenario.id, server: server.id, streams });
          const main = streams[scenario.headline];
          log(`${db} #${repeat + 1} ${scenario.id} ${server.id}: ${main.rps.toFixed(0)} req/s p50 ${main.p50.toFixed(2)} p99 ${main.p99.toFixed(2)} ms${main.errors ? ` ERRORS ${main.errors}` : ""}`);
        }
      }
    }
    return results;
  } finally {
    for (const server of running) server.child.kill();
    for (const url of databases) await dropDatabase(url).catch((e) => log(`could not drop ${url}: ${e.message}`));
  }
}

await build({
  entryPoints: [join(here, "servers/kernia.ts")],
  outfile: join(work, "kernia.mjs"),
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
});
const machine = {
  cpu: cpus()[0]?.model,
  cores,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  date: new Date().toISOString(),
  command: `node ${process.argv.slice(1).map((a) => a.replace(`${dirname(here)}/`, "")).join(" ")}`,
  loadavgBefore: loadavg(),
  // What was measured: src/ as it was in the working tree when the bundle was built.
  commit: execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: here }).toString().trim(),
  srcDirty: execFileSync("git", ["status", "--porcelain", "--", "../src"], { cwd: here }).toString().trim() !== "",
};
const results = [];
for (const db of dbs) results.push(...(await runDatabase(db)));
machine.loadavgAfter = loadavg();
const json = join(here, ".work", `results-${stamp}.json`);
writeFileSync(json, JSON.stringify({ machine, repeats, scale, results }, null, 2));
if (!args.keep) rmSync(work, { recursive: true, force: true });
console.log(report({ machine, repeats, scale, results, cores }));
log(`raw results in ${json}`);
