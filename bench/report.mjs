// Turns the run's results into Markdown: medians of the repeats, ratios, and every raw number.
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const f = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : "–");

/** Median of each metric of `stream` over the repeats of (db, scenario, server). */
function summary(results, db, scenario, server, stream = "main") {
  const runs = results.filter((r) => r.db === db && r.scenario === scenario && r.server === server).map((r) => r.streams[stream]);
  if (!runs.length) return null;
  const m = (k) => median(runs.map((r) => r[k]));
  const rps = runs.map((r) => r.rps);
  return {
    rps: m("rps"), p50: m("p50"), p90: m("p90"), p99: m("p99"), max: m("max"),
    min: Math.min(...rps), maxRps: Math.max(...rps),
    errors: runs.reduce((a, r) => a + r.errors, 0), count: runs[0].count,
  };
}

function label(server, cores) {
  if (server === "kernia") return `kernia (hashConcurrency ${cores}, the default)`;
  if (server === "kernia-h4-uv8") return "kernia (hashConcurrency 4, UV_THREADPOOL_SIZE=8)";
  const h = /^kernia-h(\d)$/.exec(server);
  return h ? `kernia (hashConcurrency ${h[1]})` : server;
}

export function report({ machine, repeats, scale, results, cores }) {
  const out = [];
  const n = (count) => Math.max(1, Math.round(count * scale));
  const dbs = [...new Set(results.map((r) => r.db))];
  const scenarioIds = [...new Set(results.map((r) => r.scenario))];
  const reads = scenarioIds.filter((s) => !s.includes("100/s") && s !== "sign-in/email");
  out.push(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node}; ${machine.date}.`);
  if (machine.commit) out.push(`Kernia: src/ at ${machine.commit}${machine.srcDirty ? " plus uncommitted changes" : ""}.`);
  out.push(`Command: \`${machine.command}\` (repeats ${repeats}, scale ${scale}). Load average before ${machine.loadavgBefore.map((x) => x.toFixed(2)).join(" ")}, after ${machine.loadavgAfter.map((x) => x.toFixed(2)).join(" ")}.`, "");
  for (const db of dbs) {
    if (reads.length) out.push(`### ${db}: session reads, ${n(4000)} requests each at concurrency 10 (median of ${repeats})`, "");
    if (reads.length) out.push("| scenario | server | req/s (min–max) | p50 ms | p99 ms | errors |", "|---|---|---|---|---|---|");
    for (const scenario of reads) {
      for (const server of ["baseline", "kernia", "better-auth"]) {
        const s = summary(results, db, scenario, server);
        if (s) out.push(`| ${scenario} | ${server} | ${f(s.rps, 0)} (${f(s.min, 0)}–${f(s.maxRps, 0)}) | ${f(s.p50, 2)} | ${f(s.p99, 2)} | ${s.errors} |`);
      }
    }
    if (reads.length) out.push("", "| scenario | Kernia/Better Auth req/s | Kernia/baseline req/s | Kernia/Better Auth p99 |", "|---|---|---|---|");
    for (const scenario of reads) {
      const [b, k, a] = ["baseline", "kernia", "better-auth"].map((id) => summary(results, db, scenario, id));
      if (k && a && b) out.push(`| ${scenario} | ${f(k.rps / a.rps, 2)} | ${f(k.rps / b.rps, 2)} | ${f(k.p99 / a.p99, 2)} |`);
    }
    out.push("", `### ${db}: password hashing (median of ${repeats})`, "");
    out.push(
      `| server | sign-in req/s (${n(96)} at c=8) | get-session p50 / p99 ms, idle | get-session p50 / p90 / p99 / max ms, during ${n(128)} sign-ins at c=8 | sign-in req/s meanwhile |`,
      "|---|---|---|---|---|",
    );
    const ran = new Set(results.filter((r) => r.db === db && r.scenario === "sign-in/email").map((r) => r.server));
    const hashing = ["kernia-h1", "kernia-h2", "kernia", "kernia-h4", "kernia-h4-uv8", "better-auth"].filter((id) => ran.has(id));
    for (const server of hashing) {
      const signIn = summary(results, db, "sign-in/email", server);
      const idle = summary(results, db, "get-session at 100/s, idle", server);
      const busy = summary(results, db, "get-session at 100/s, during sign-ins", server);
      const busySignIn = summary(results, db, "get-session at 100/s, during sign-ins", server, "signin");
      out.push(
        `| ${label(server, cores)} | ${f(signIn?.rps)} (${f(signIn?.min)}–${f(signIn?.maxRps)}) | ${f(idle?.p50, 2)} / ${f(idle?.p99, 2)} | ${f(busy?.p50, 2)} / ${f(busy?.p90, 1)} / ${f(busy?.p99, 1)} / ${f(busy?.max, 1)} | ${f(busySignIn?.rps)} |`,
      );
    }
    out.push("");
  }
  out.push("### Raw numbers, every run in the order it ran", "");
  out.push("| db | # | scenario | server | stream | count | errors | req/s | p50 ms | p90 ms | p99 ms | max ms |", "|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const r of results) {
    for (const [name, s] of Object.entries(r.streams)) {
      out.push(`| ${r.db} | ${r.repeat + 1} | ${r.scenario} | ${r.server} | ${name} | ${s.count} | ${s.errors} | ${f(s.rps)} | ${f(s.p50, 2)} | ${f(s.p90, 2)} | ${f(s.p99, 2)} | ${f(s.max, 1)} |`);
    }
  }
  return out.join("\n");
}
