// CPU profile of Kernia under get-session load (5 accounts in the jar, SQLite): the server runs
// with `node --cpu-prof` pinned to core 1, wrk -t1 -c50 pinned to core 0. Writes bench/flame.png
// (flame graph made by bench/flame.mjs, screenshotted with Chromium) and bench/PROFILE.md (top
// self-time functions by group). Usage: node bench/profile.mjs [--duration=10s] [--db=sqlite|postgres]
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { aggregate, flameHtml, moduleLines, profileMarkdown, screenshot } from "./flame.mjs";
import { createDatabase, dropDatabase } from "./postgres.mjs";
import { seed } from "./seed.mjs";
import { bundleKernia, startServer } from "./servers.mjs";
import { GET_SESSION } from "./workloads.mjs";
import { ensureTools, seconds, wrk } from "./wrk.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=")));
const duration = seconds(args.duration ?? "10s");
const db = args.db ?? "sqlite";
const log = (...parts) => console.error(`[profile ${new Date().toISOString().slice(11, 19)}]`, ...parts);
const work = join(here, ".work", `profile-${new Date().toISOString().replace(/[:.]/g, "-")}`);
mkdirSync(work, { recursive: true });

ensureTools(log);
const bundle = join(work, "kernia.mjs");
await bundleKernia(bundle);

const location = db === "postgres" ? await createDatabase(`kernia_profile_${process.pid}`) : join(work, "kernia.db");
const loadBefore = loadavg()[0];
let result;
try {
  const server = await startServer({ id: "kernia", file: bundle, env: { BENCH_DB: location }, nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${work}`], logDir: work });
  try {
    const jars = await seed(server.origin, "kernia");
    const load = { url: server.origin + GET_SESSION, cookie: jars.five, connections: 50 };
    log("warm-up 3 s, then", duration, "s of get-session load");
    await wrk({ ...load, duration: 3 });
    result = await wrk({ ...load, duration });
    log(`${result.rps.toFixed(0)} req/s under the profiler, p99 ${(result.p99Us / 1000).toFixed(2)} ms, errors ${result.errors}`);
  } finally {
    await server.stop();
  }
} finally {
  if (db === "postgres") await dropDatabase(location);
}

const file = readdirSync(work).find((name) => name.endsWith(".cpuprofile"));
if (!file) throw new Error(`no .cpuprofile in ${work}: did the server exit cleanly?`);
const profile = JSON.parse(readFileSync(join(work, file), "utf8"));
const root = aggregate(profile, { moduleOf: moduleLines(readFileSync(bundle, "utf8")), bundleUrl: bundle });
const title = `Kernia get-session (5 accounts in the jar, ${db}), wrk -t1 -c50, ${duration} s + 3 s warm-up; width = CPU time, idle excluded`;
await screenshot(flameHtml(root, { title }), join(here, "flame.png"));
const heading = [
  "# Where Kernia's get-session time goes",
  "",
  `Made by \`npm run bench:profile\` on ${new Date().toISOString()} (load average ${loadBefore.toFixed(2)} before; other work on the machine skews absolute numbers, not the shares much).`,
  `Kernia (src/ bundled as bench/servers/kernia.ts does) under \`node --cpu-prof\`, ${db}, get-session with 5 accounts in the jar, wrk -t1 -c50 for ${duration} s after a 3 s warm-up`,
  `(${result.rps.toFixed(0)} req/s under the profiler). Self time over the whole profile (seeding and warm-up included), idle excluded; the flame graph is \`bench/flame.png\`.`,
  "Functions are named as in the bundle and placed by the `// src/…` module markers esbuild writes. A native function (no script) is shown and grouped with",
  "its caller; `(native)` marks V8's own entries. `JSON.stringify` is a V8 builtin with no frame of its own: its time is the self time of its caller, so",
  "Kernia's `json…` writers in src/auth/respond.ts count as JSON and the JSON row is otherwise a lower bound. Only the main thread is sampled (scrypt runs in libuv's pool).",
].join("\n");
writeFileSync(join(here, "PROFILE.md"), `${profileMarkdown(root, { heading })}\n`);
if (!args.keep) rmSync(work, { recursive: true, force: true });
log("wrote bench/flame.png and bench/PROFILE.md");
