// Turns a run's results into bench/RESULTS.md: medians, ratios, the issue's targets met or
// missed, the numbers of issue 12 as filed, and every raw measurement.
const median = (values) => {
  const sorted = values.filter((v) => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const f = (x, digits = 0) => (Number.isFinite(x) ? x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "–");
const SERVERS = ["bare", "floor", "kernia", "kernia-cache", "better-auth"];
const NAMES = { bare: "bare `node:http`, fixed body", floor: "floor", kernia: "Kernia", "kernia-cache": "Kernia, sessionCache on", "better-auth": "Better Auth 1.7.25 + multiSession" };
const TITLES = {
  "get-session": "get-session, 5 accounts in the jar",
  "list-1": "list-device-sessions, 1 account",
  "list-5": "list-device-sessions, 5 accounts",
  "list-10": "list-device-sessions, 10 accounts",
  "sign-in": "sign-in, 4 at a time (scrypt bound)",
  "probe-idle": "get-session probe, idle",
  "probe-busy": "get-session probe while 4 sign-ins run",
  "sign-in-flood": "sign-in, 4 at a time, while get-session saturates the core",
};

/** Medians over the rounds of (db, workload, server), or null when it did not run. */
function summary(results, db, workload, server) {
  const runs = results.filter((r) => r.db === db && r.workload === workload && r.server === server);
  if (!runs.length) return null;
  const m = (pick) => median(runs.map(pick));
  return {
    rps: m((r) => r.rps),
    minRps: Math.min(...runs.map((r) => r.rps)),
    maxRps: Math.max(...runs.map((r) => r.rps)),
    cpu: m((r) => r.cpuUsPerRequest),
    p50: m((r) => r.p50),
    p99: m((r) => r.p99),
    sql: m((r) => r.sqlPerRequest),
    cookie: m((r) => r.cookieBytes),
    rss: m((r) => r.rssMiB),
    signInRps: m((r) => r.signin?.rps ?? NaN),
    floodRps: m((r) => r.flood?.rps ?? NaN),
    errors: runs.reduce((sum, r) => sum + r.errors + (r.signin?.errors ?? 0) + (r.flood?.errors ?? 0), 0),
    rounds: runs.length,
  };
}

const TODAY = `| workload | bare \`node:http\`, fixed body | floor: HMAC verify + one prepared SQLite join + JSON, in plain \`node:http\` | Kernia (\`node dist/demo/server.js\`) | Better Auth 1.7.25 + multiSession |
|---|---:|---:|---:|---:|
| get-session, 5 accounts in the jar | ~91,000 req/s (11 µs CPU/req) | ~24,000 (41 µs) | ~7,800 (128 µs) | ~920 (1,080 µs) |
| list-device-sessions, 1 account | ~88,000 | ~22,000 (44 µs) | ~7,400 (135 µs) | ~930 |
| list-device-sessions, 5 accounts | ~85,000 | ~12,700 (78 µs) | ~5,000 (201 µs) | ~615 |
| list-device-sessions, 10 accounts | ~85,000 | ~9,200 (109 µs) | ~3,400 (290 µs) | ~447 |
| peak RSS under get-session load | 80 MiB | 73 MiB | 152 MiB | 207 MiB |
| get-session while 4 sign-ins run (p99; idle p99 in brackets) | — | 39 ms (3 ms) | 82 ms (18 ms) | 1,409 ms (460 ms) |
| sign-in (scrypt bound) | — | 13.9 req/s | 15.1 | 13.7 |`;

function headlineTable(results, db, servers) {
  const out = [`| workload | ${servers.map((s) => NAMES[s]).join(" | ")} |`, `|---|${servers.map(() => "---:").join("|")}|`];
  for (const workload of ["get-session", "list-1", "list-5", "list-10"]) {
    const cells = servers.map((s) => {
      const x = summary(results, db, workload, s);
      return x ? `${f(x.rps)} req/s (${f(x.cpu)} µs)` : "—";
    });
    if (cells.some((c) => c !== "—")) out.push(`| ${TITLES[workload]} | ${cells.join(" | ")} |`);
  }
  const rss = servers.map((s) => summary(results, db, "get-session", s)).map((x) => (x ? `${f(x.rss)} MiB` : "—"));
  if (rss.some((c) => c !== "—")) out.push(`| peak RSS (VmHWM) under get-session load | ${rss.join(" | ")} |`);
  const probe = servers.map((s) => {
    const busy = summary(results, db, "probe-busy", s);
    const idle = summary(results, db, "probe-idle", s);
    return busy && idle ? `${f(busy.p99, 1)} ms (${f(idle.p99, 1)} ms)` : "—";
  });
  if (probe.some((c) => c !== "—")) out.push(`| get-session while 4 sign-ins run (p99; idle p99 in brackets) | ${probe.join(" | ")} |`);
  const signIn = servers.map((s) => summary(results, db, "sign-in", s)).map((x) => (x ? `${f(x.rps, 1)} req/s` : "—"));
  if (signIn.some((c) => c !== "—")) out.push(`| sign-in (scrypt bound) | ${signIn.join(" | ")} |`);
  const flood = servers.map((s) => summary(results, db, "sign-in-flood", s)).map((x) => (x ? `${f(x.rps, 1)} req/s (${f(x.floodRps)} req/s)` : "—"));
  if (flood.some((c) => c !== "—")) out.push(`| sign-in while get-session saturates the core (get-session req/s meanwhile in brackets) | ${flood.join(" | ")} |`);
  return out;
}

function detailTable(results, db) {
  const out = ["| workload | server | req/s (min–max) | CPU µs/req | p50 ms | p99 ms | SQL/req | Cookie bytes | VmHWM MiB | errors |", "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"];
  for (const workload of Object.keys(TITLES)) {
    for (const server of SERVERS) {
      const x = summary(results, db, workload, server);
      if (!x) continue;
      const rps = `${f(x.rps, x.rps < 100 ? 1 : 0)} (${f(x.minRps, x.rps < 100 ? 1 : 0)}–${f(x.maxRps, x.rps < 100 ? 1 : 0)})`;
      const extra =
        workload === "probe-busy" ? `; sign-ins meanwhile ${f(x.signInRps, 1)} req/s` : workload === "sign-in-flood" ? `; get-session meanwhile ${f(x.floodRps)} req/s` : "";
      const sql = Number.isFinite(x.sql) ? f(x.sql, 2) : server === "bare" ? "0" : "n/a";
      // A paced probe leaves the server mostly idle: CPU per request says nothing there.
      // Nor does it for two loads at once.
      const cpu = workload.startsWith("probe") || workload === "sign-in-flood" ? "—" : f(x.cpu);
      out.push(`| ${TITLES[workload]} | ${server} | ${rps}${extra} | ${cpu} | ${f(x.p50, 2)} | ${f(x.p99, 2)} | ${sql} | ${f(x.cookie)} | ${Number.isFinite(x.rss) ? f(x.rss) : ""} | ${x.errors} |`);
    }
  }
  return out;
}

/** The numbers each target is judged by, for one database. */
function ratios(results, db) {
  const s = (w, server) => summary(results, db, w, server);
  const r = (a, b) => (a && b ? a / b : NaN);
  return {
    kerniaFloor: r(s("get-session", "kernia")?.rps, s("get-session", "floor")?.rps),
    kerniaFloorCpu: r(s("get-session", "kernia")?.cpu, s("get-session", "floor")?.cpu),
    kerniaBa: r(s("get-session", "kernia")?.rps, s("get-session", "better-auth")?.rps),
    cacheBare: r(s("get-session", "kernia-cache")?.rps, s("get-session", "bare")?.rps),
    list5Ba: r(s("list-5", "kernia")?.rps, s("list-5", "better-auth")?.rps),
    list5Floor: r(s("list-5", "kernia")?.rps, s("list-5", "floor")?.rps),
    list10Over1: r(s("list-10", "kernia")?.cpu, s("list-1", "kernia")?.cpu),
    list10Over1Floor: r(s("list-10", "floor")?.cpu, s("list-1", "floor")?.cpu),
    list10Over1Ba: r(s("list-10", "better-auth")?.cpu, s("list-1", "better-auth")?.cpu),
    sql: ["get-session", "list-1", "list-5", "list-10"].map((w) => [w, s(w, "kernia")?.sql]).filter(([, x]) => Number.isFinite(x)),
    rss: s("get-session", "kernia")?.rss,
    p99Busy: r(s("probe-busy", "kernia")?.p99, s("probe-idle", "kernia")?.p99),
    signInBa: r(s("sign-in", "kernia")?.rps, s("sign-in", "better-auth")?.rps),
  };
}

function ratioTable(results, db) {
  const x = ratios(results, db);
  const rows = [
    ["Kernia / floor, get-session req/s", x.kerniaFloor],
    ["Kernia / floor, get-session CPU per request", x.kerniaFloorCpu],
    ["Kernia / Better Auth, get-session req/s", x.kerniaBa],
    ["Kernia with sessionCache / bare, get-session req/s", x.cacheBare],
    ["Kernia / floor, list 5 accounts req/s", x.list5Floor],
    ["Kernia / Better Auth, list 5 accounts req/s", x.list5Ba],
    ["list 10 accounts / 1 account, CPU per request: Kernia", x.list10Over1],
    ["list 10 accounts / 1 account, CPU per request: floor", x.list10Over1Floor],
    ["list 10 accounts / 1 account, CPU per request: Better Auth", x.list10Over1Ba],
    ["get-session p99 during 4 sign-ins / idle p99: Kernia", x.p99Busy],
    ["Kernia / Better Auth, sign-in req/s", x.signInBa],
  ];
  return ["| ratio | value |", "|---|---:|", ...rows.filter(([, v]) => Number.isFinite(v)).map(([name, v]) => `| ${name} | ${f(v, 2)} |`)];
}

/** "met" or "missed by …" for `value` against `goal` (at least when `atLeast`, else at most). */
function verdict(value, goal, atLeast, unit = "x") {
  if (!Number.isFinite(value)) return "not measured";
  const ok = atLeast ? value >= goal : value <= goal;
  const shown = `${f(value, unit === "MiB" ? 0 : 2)}${unit === "x" ? " x" : ` ${unit}`}`;
  if (ok) return `**met** (${shown})`;
  const off = atLeast ? (goal - value) / goal : (value - goal) / goal;
  return `**missed** by ${f(off * 100)}% (${shown})`;
}

function targets(results, dbs) {
  const primary = dbs.includes("sqlite") ? "sqlite" : dbs[0];
  const x = ratios(results, primary);
  const out = [`Judged on ${primary} (medians of this run).`, "", "| target | result |", "|---|---|"];
  out.push(`| get-session, 5 accounts, no cache: at least 0.9 x floor | ${verdict(x.kerniaFloor, 0.9, true)} |`);
  out.push(`| get-session, 5 accounts, no cache: at least 15 x Better Auth | ${verdict(x.kerniaBa, 15, true)} |`);
  out.push(`| get-session with the in-process cache on: at least 0.5 x bare | ${Number.isFinite(x.cacheBare) ? verdict(x.cacheBare, 0.5, true) : "not measured: src/options.ts has no `sessionCache` option at this commit"} |`);
  out.push(`| list-device-sessions, 5 accounts: at least 15 x Better Auth | ${verdict(x.list5Ba, 15, true)} |`);
  out.push(`| list 10 accounts cost at most 1.6 x one account (CPU per request) | ${verdict(x.list10Over1, 1.6, false)} |`);
  // A few requests in flight across the window's edges blur the count by well under 1%.
  const sqlOk = x.sql.length && x.sql.every(([, v]) => Math.abs(v - 1) < 0.01);
  out.push(`| exactly one SQL statement per get-session and per list at any K | ${x.sql.length ? `${sqlOk ? "**met**" : "**missed**"} (${x.sql.map(([w, v]) => `${w} ${f(v, 2)}`).join(", ")})` : "not measured"} |`);
  out.push(`| peak RSS under get-session load at most 100 MiB | ${verdict(x.rss, 100, false, "MiB")} |`);
  out.push(`| get-session p99 while 4 sign-ins run at most 3 x idle p99 | ${verdict(x.p99Busy, 3, false)} |`);
  out.push(`| sign-in throughput at least Better Auth's | ${verdict(x.signInBa, 1, true)} |`);
  if (dbs.includes("postgres") && dbs.includes("sqlite")) {
    const p = ratios(results, "postgres");
    for (const [name, key] of [["Kernia / floor, get-session", "kerniaFloor"], ["Kernia / Better Auth, get-session", "kerniaBa"], ["Kernia / Better Auth, list 5", "list5Ba"], ["list 10 / list 1 cost", "list10Over1"]]) {
      const drift = p[key] / x[key] - 1;
      const shown = `postgres ${f(p[key], 2)} vs sqlite ${f(x[key], 2)}`;
      const result = !Number.isFinite(drift) ? "not measured" : Math.abs(drift) <= 0.2 ? `**met** (${shown})` : `**missed**: ${f(Math.abs(drift) * 100)}% apart, 20% allowed (${shown})`;
      out.push(`| PostgreSQL: ${name} within 20% of SQLite's ratio | ${result} |`);
    }
  }
  return out;
}

/**
 * `profile` is bench/PROFILE.md's text when there is one: its group table is quoted under
 * "Where Kernia's time goes".
 */
function profileGroups(profile) {
  const lines = profile.split("\n");
  const start = lines.findIndex((l) => l.startsWith("| group |"));
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && !l.startsWith("|"));
  const made = lines.find((l) => l.startsWith("Made by"));
  return [...(made ? [made, ""] : []), ...lines.slice(start, end < 0 ? undefined : end), ""];
}

export function report({ machine, settings, results, profile = "", analysis = "" }) {
  const dbs = [...new Set(results.map((r) => r.db))];
  const noisy = machine.loadavgBefore[0] >= 0.5 || settings.duration < 10 || settings.rounds < 3;
  const out = ["# Benchmark results (issue 12)", ""];
  if (noisy) {
    out.push(
      `> **Noisy dev run, rerun with \`npm run bench\`.** Load average ${machine.loadavgBefore.map((v) => v.toFixed(2)).join(" ")} before the run` +
        ` (other work on the machine), ${settings.duration} s per measurement, ${settings.rounds} round(s). Only the full run on a quiet machine is evidence.`,
      "",
    );
  }
  out.push(
    "## How it is measured",
    "",
    "- **Load**: wrk (" + machine.wrk + ") `-t1 -c50`, pinned to core 0 with `taskset -c 0`; every server is a Node process pinned to core 1 (`taskset -c 1 node …`),",
    "  so the server has one core to itself (its libuv threads, scrypt included, share that core). Requests, the Cookie header and the summary come from",
    "  `bench/request.lua`. Each measurement starts once every server is idle (not one CPU clock tick in two 100 ms windows in a row, so requests left in flight",
    "  by the previous load are done) and is preceded by a warm-up with the same load (twice as long for the first measurement of a server and workload).",
    "- **Rounds**: every workload runs on every server in turn, the server order rotating each round; tables give the median of the rounds (each metric",
    "  separately) and the min–max of req/s.",
    "- **CPU µs per request**: utime + stime of the server process (all threads, `/proc/<pid>/stat`) over the measured window, divided by the",
    "  requests the server counted in that window (its own count: it includes requests still in flight when wrk stopped, which wrk does not count).",
    "- **Peak RSS**: VmHWM from `/proc/<pid>/status` read after the get-session measurement; it is reset (`echo 5 > /proc/<pid>/clear_refs`) before that",
    "  workload's warm-up, so it is the peak under get-session load, not of seeding or sign-ins.",
    "- **SQL per request**: each server counts the statements it issues and answers them on `GET /__bench/sql-count` (read before and after the window):",
    "  Kernia through its `database.log` option (Kysely's log hook, which also hears the session lookups Kernia runs on the driver directly), floor in its own",
    "  code, Better Auth by wrapping better-sqlite3's `prepare` (Kysely prepares every statement it runs) or each pooled pg client's `query`. For Kernia the hook",
    "  adds a counter increment and the timing of each query.",
    "- **Password work**: sign-in is wrk with 4 connections POSTing `/sign-in/email` (Lua). The get-session probe is a second wrk, also on core 0, with 2 connections",
    "  that pause 10 ms after each response (wrk's Lua `delay()`; Debian's wrk has no `-R`), so it samples latency at a low rate; it runs alone (idle) and beside the",
    "  4 sign-ins (busy); p99 is wrk's, measured from each send. Overload: the 4 sign-ins beside a second wrk with the get-session load (50 connections),",
    "  which keeps the server's core busy; it shows whether sign-ins still finish and how many session checks are served meanwhile. Password workloads run in the",
    "  " + settings.passwordDbs.join(" and ") + " phase only (scrypt bound; `--password-db=` changes it).",
    "- **Servers**: `bare` (`servers/baseline.mjs`, a fixed get-session-sized body; measured on every workload in the first database's phase and on get-session in",
    "  the others); `floor` (`servers/floor.mjs`: cookie parse, HMAC-SHA256 verify with a key imported once, one prepared join by token (one `IN` / `= ANY` for the list),",
    "  `JSON.stringify` of Kernia's shape; sign-in with Kernia's scrypt parameters; it seeds its own tables); `kernia` (`servers/kernia.ts`: `kernia()` +",
    "  `multiSession({ maximum: 10 })` + `toNodeHandler`, bundled from `src/` by esbuild at the start of the run); `kernia-cache` (the same with `sessionCache`,",
    "  started only when `src/options.ts` declares that option" + (machine.cacheKnown ? "" : ": **it does not at this commit, so the variant was skipped**") + ");",
    "  `better-auth` (`servers/better-auth.mjs`, `multiSession({ maximumSessions: 10 })`). All run with `NODE_ENV=production` and rate limiting off. Kernia and",
    "  Better Auth are seeded through their own endpoints (`bench/seed.mjs`), which also checks what they answer.",
    "",
    "## How to run",
    "",
    "```",
    "npm run bench                                      # SQLite and PostgreSQL, 10 s x 3 rounds: about 27 minutes",
    "node bench/run.mjs --db=sqlite                     # SQLite only: about 15 minutes",
    "node bench/run.mjs --duration=2s --rounds=1 --db=sqlite   # a smoke run, about 2.5 minutes",
    "node bench/run.mjs --only=get-session,list-5       # some workloads (ids: get-session list-1 list-5 list-10 sign-in probe-idle probe-busy sign-in-flood)",
    "npm run bench:profile                              # CPU profile of Kernia under get-session load: bench/flame.png, bench/PROFILE.md",
    "node bench/render.mjs                              # RESULTS.md again from the newest raw results, after editing ANALYSIS.md or the profile",
    "```",
    "",
    "PostgreSQL is at 127.0.0.1:5432, user postgres; each server gets a database `kernia_bench_<pid>_<server>`, dropped at the end. wrk is installed with",
    "`apt-get install -y wrk` when missing. The raw JSON goes to `bench/.work/results-<time>.json` (git-ignored). The bench is not part of `npm test`.",
    "",
    "## This run",
    "",
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node}; ${machine.date}. Kernia: src/ at ${machine.commit}${machine.srcDirty ? " plus uncommitted changes" : ""}.`,
    `Command: \`${machine.command}\`: ${settings.duration} s per measurement, ${settings.warmup} s warm-up, ${settings.rounds} round(s), took ${f(machine.minutes, 1)} minutes.`,
    `Load average before ${machine.loadavgBefore.map((v) => v.toFixed(2)).join(" ")}, after ${machine.loadavgAfter.map((v) => v.toFixed(2)).join(" ")}.`,
    "",
  );
  for (const db of dbs) {
    const servers = SERVERS.filter((s) => results.some((r) => r.db === db && r.server === s));
    out.push(`### ${db}: medians (req/s, CPU µs per request in brackets)`, "", ...headlineTable(results, db, servers), "");
    out.push(`### ${db}: every metric (medians)`, "", ...detailTable(results, db), "");
    out.push(`### ${db}: ratios`, "", ...ratioTable(results, db), "");
  }
  out.push("## Targets of issue 12", "", ...targets(results, dbs), "");
  // bench/ANALYSIS.md, written by hand: why the missed targets miss and what was tried.
  if (analysis.trim()) out.push(analysis.trim(), "");
  out.push(
    "## The numbers when issue 12 was filed",
    "",
    "Measured when the issue was filed (SQLite, wrk `-t1 -c50 -d10s`, 3 rounds, medians), before this benchmark existed in the repository; kept to compare with.",
    "",
    TODAY,
    "",
    "## Where Kernia's time goes",
    "",
    "From `npm run bench:profile` (its own run, not this one): the top self-time functions are in `bench/PROFILE.md`, the flame graph is below.",
    "",
    ...profileGroups(profile),
    "![Flame graph of Kernia under get-session load](flame.png)",
    "",
    "## Raw measurements, in the order they ran",
    "",
    "| db | round | workload | server | req/s | CPU µs/req | p50 ms | p99 ms | SQL/req | requests | errors |",
    "|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ...results.map(
      (r) =>
        `| ${r.db} | ${r.round + 1} | ${r.workload} | ${r.server} | ${f(r.rps, 1)} | ${f(r.cpuUsPerRequest)} | ${f(r.p50, 2)} | ${f(r.p99, 2)} | ${r.sqlPerRequest === null ? "" : f(r.sqlPerRequest, 2)} | ${r.requests} | ${r.errors} |`,
    ),
    "",
  );
  return out.join("\n");
}
