// The benchmark (issue 12): wrk pinned to core 0 drives one server at a time, each server a Node
// process pinned to core 1. Servers: bare (fixed body), floor (the least honest work in plain
// node:http), kernia (src/ bundled with esbuild now), kernia-cache (only when src/options.ts
// declares `sessionCache`), better-auth. Each round runs every workload on every server, the
// server order rotating from round to round; each measurement follows a warm-up with the same
// load; the report gives medians over the rounds and is written to bench/RESULTS.md.
//
// Usage: node bench/run.mjs [--db=both|sqlite|postgres] [--duration=10s] [--warmup=1s]
//   [--rounds=3] [--password-db=sqlite|postgres|both|none] [--only=get-session,list-5,...]
//   [--results=bench/RESULTS.md | --results=-] [--cache=auto|on|off] [--keep=1]
// KERNIA_BENCH_CACHE (JSON, default `true`) is the `sessionCache` value of the kernia-cache variant.
import { Buffer } from "node:buffer";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabase, dropDatabase } from "./postgres.mjs";
import { cpuMicros, peakRssMiB, resetPeakRss, untilIdle } from "./proc.mjs";
import { report } from "./report.mjs";
import { seed } from "./seed.mjs";
import { bundleKernia, serverCounts, startServer } from "./servers.mjs";
import { WORKLOADS } from "./workloads.mjs";
import { ensureTools, seconds, wrk } from "./wrk.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=")));
const duration = seconds(args.duration ?? "10s");
const warmup = seconds(args.warmup ?? "1s");
const rounds = Number(args.rounds ?? 3);
const dbs = (args.db ?? "both") === "both" ? ["sqlite", "postgres"] : [args.db];
const passwordDbs = { both: ["sqlite", "postgres"], none: [] }[args["password-db"] ?? "sqlite"] ?? [args["password-db"] ?? "sqlite"];
const only = args.only ? args.only.split(",") : null;
const resultsFile = args.results ?? join(here, "RESULTS.md");
for (const db of dbs) if (!["sqlite", "postgres"].includes(db)) throw new Error(`--db must be sqlite, postgres or both, not ${db}`);

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const work = join(here, ".work", stamp);
mkdirSync(work, { recursive: true });
const log = (...parts) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...parts);

// The cache variant runs only against a Kernia that knows the option (the slot stays in the report).
// --cache=on forces it (to try the slot), --cache=off drops it.
const cacheKnown =
  args.cache === "on" || (args.cache !== "off" && readFileSync(join(root, "src/options.ts"), "utf8").includes("sessionCache"));
const SERVERS = [
  { id: "bare", file: join(here, "servers/baseline.mjs"), database: false },
  { id: "floor", file: join(here, "servers/floor.mjs"), seedsItself: true },
  { id: "kernia", file: join(work, "kernia.mjs") },
  ...(cacheKnown ? [{ id: "kernia-cache", file: join(work, "kernia.mjs"), env: { BENCH_CACHE: process.env.KERNIA_BENCH_CACHE ?? "true" } }] : []),
  { id: "better-auth", file: join(here, "servers/better-auth.mjs") },
];

/** One measurement: once every server is idle, a warm-up, then the wrk run(s) with the server's CPU time and SQL count around them. */
async function measure(server, workload, warm, running) {
  const runs = workload.runs(server);
  const settled = await untilIdle(running.map((s) => s.pid));
  if (!settled.idle) log(`servers still busy ${settled.waitedMs} ms after the previous measurement; measuring anyway`);
  if (workload.rss) resetPeakRss(server.pid);
  if (warm > 0) await Promise.all(runs.map((run) => wrk({ ...run, duration: warm })));
  const before = await serverCounts(server);
  const cpuBefore = cpuMicros(server.pid);
  const outs = await Promise.all(runs.map((run) => wrk({ ...run, duration })));
  const cpu = cpuMicros(server.pid) - cpuBefore;
  const after = await serverCounts(server);
  // The server's own count includes the requests still in flight when wrk stopped.
  const served = before && after ? after.requests - before.requests : outs.reduce((sum, out) => sum + out.requests, 0);
  const [main] = outs;
  const result = {
    rps: main.rps,
    p50: main.p50Us / 1000,
    p90: main.p90Us / 1000,
    p99: main.p99Us / 1000,
    max: main.maxUs / 1000,
    requests: main.requests,
    errors: main.errors,
    served,
    cpuUsPerRequest: cpu / served,
    sqlPerRequest: before && after && server.database !== false ? (after.statements - before.statements) / served : null,
    cookieBytes: Buffer.byteLength(runs[0].cookie ?? ""),
    rssMiB: workload.rss ? peakRssMiB(server.pid) : null,
  };
  for (let i = 1; i < runs.length; i++) result[runs[i].name] = { rps: outs[i].rps, requests: outs[i].requests, errors: outs[i].errors };
  return result;
}

async function runDatabase(db, firstPhase) {
  const running = [];
  const databases = [];
  try {
    for (const spec of SERVERS) {
      let location = join(work, `${spec.id}.db`);
      if (db === "postgres" && spec.database !== false) {
        location = await createDatabase(`kernia_bench_${process.pid}_${spec.id.replace(/-/g, "_")}`);
        databases.push(location);
      }
      const server = await startServer({ ...spec, id: `${spec.id}-${db}`, env: { ...spec.env, BENCH_DB: location }, logDir: work });
      running.push({ ...server, id: spec.id, database: spec.database });
      log(`${spec.id} (${db}) pid ${server.pid} on ${server.origin}, pinned to core 1`);
    }
    for (const server of running) {
      if (server.database !== false && !server.seed) server.seed = await seed(server.origin, server.id);
      // bare answers the same body to any request: give it the same Cookie headers to parse.
      if (server.database === false) server.seed = running.find((s) => s.id === "floor").seed;
    }
    log(`${db}: seeded and checked every server`);

    const results = [];
    const workloads = WORKLOADS.filter((w) => (!only || only.includes(w.id)) && (!w.password || passwordDbs.includes(db)));
    const seen = new Set();
    for (let round = 0; round < rounds; round++) {
      for (const [index, workload] of workloads.entries()) {
        // bare touches no database: measured once per round, in the first database's phase,
        // except for get-session (the anchor of the cache target) in every phase.
        const chosen = running.filter((s) => workload.servers.includes(s.id) && (s.database !== false || firstPhase || workload.id === "get-session"));
        const order = chosen.map((_, i) => chosen[(i + round + index) % chosen.length]);
        for (const server of order) {
          const key = `${workload.id}/${server.id}`;
          // The first measurement of a pair gets a longer warm-up (JIT, caches, pool connections).
          const warm = seen.has(key) ? warmup : warmup * 2;
          seen.add(key);
          const metrics = await measure(server, workload, warm, running);
          if (server.child.exitCode !== null) throw new Error(`${server.id} exited during ${workload.id}; see ${work}`);
          results.push({ db, round, workload: workload.id, server: server.id, ...metrics });
          log(
            `${db} r${round + 1} ${workload.id} ${server.id}: ${metrics.rps.toFixed(0)} req/s, ${metrics.cpuUsPerRequest.toFixed(0)} µs CPU/req, p50 ${metrics.p50.toFixed(2)} p99 ${metrics.p99.toFixed(2)} ms` +
              `${metrics.sqlPerRequest === null ? "" : `, ${metrics.sqlPerRequest.toFixed(2)} SQL/req`}${metrics.rssMiB ? `, VmHWM ${metrics.rssMiB.toFixed(0)} MiB` : ""}${metrics.errors ? `, ERRORS ${metrics.errors}` : ""}`,
          );
        }
      }
    }
    return results;
  } finally {
    await Promise.all(running.map((server) => server.stop()));
    for (const url of databases) await dropDatabase(url).catch((e) => log(`could not drop ${url}: ${e.message}`));
  }
}

ensureTools(log);
await bundleKernia(join(work, "kernia.mjs"));
const git = (...a) => execFileSync("git", a, { cwd: root }).toString().trim();
const started = Date.now();
const machine = {
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  // `wrk -v` prints its version and exits with 1.
  wrk: spawnSync("wrk", ["-v"], { encoding: "utf8" }).stdout.split(" Copyright")[0].trim() || "wrk",
  date: new Date().toISOString(),
  command: `node ${process.argv.slice(1).map((a) => a.replace(`${root}/`, "")).join(" ")}`,
  loadavgBefore: loadavg(),
  commit: git("rev-parse", "--short", "HEAD"),
  srcDirty: git("status", "--porcelain", "--", "src") !== "",
  cacheKnown,
};
const settings = { duration, warmup, rounds, dbs, passwordDbs };
const results = [];
for (const [i, db] of dbs.entries()) results.push(...(await runDatabase(db, i === 0)));
machine.loadavgAfter = loadavg();
machine.minutes = (Date.now() - started) / 60000;
const json = join(here, ".work", `results-${stamp}.json`);
writeFileSync(json, JSON.stringify({ machine, settings, results }, null, 2));
if (!args.keep) rmSync(work, { recursive: true, force: true });
const profileFile = join(here, "PROFILE.md");
const analysisFile = join(here, "ANALYSIS.md");
const readIf = (file) => (existsSync(file) ? readFileSync(file, "utf8") : "");
const markdown = report({ machine, settings, results, profile: readIf(profileFile), analysis: readIf(analysisFile) });
if (resultsFile === "-") console.log(markdown);
else {
  writeFileSync(resultsFile, markdown);
  log(`wrote ${resultsFile}`);
}
log(`raw results in ${json}; ${machine.minutes.toFixed(1)} minutes`);
