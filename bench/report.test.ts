import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { report, type Machine, type Measurement } from "./report.mjs";

const machine: Machine = {
  cpu: "test cpu", cores: 2, memoryGiB: 4, node: "v20", wrk: "wrk 4.1", date: "2026-01-01T00:00:00Z", command: "node bench/run.mjs",
  loadavgBefore: [0.1, 0.1, 0.1], loadavgAfter: [0.2, 0.2, 0.2], commit: "abc1234", srcDirty: false, cacheKnown: false, minutes: 1,
};
const settings = { duration: 10, warmup: 1, rounds: 3, dbs: ["sqlite"], passwordDbs: ["sqlite"] };

function m(workload: string, server: string, rps: number, extra: Partial<Measurement> = {}): Measurement[] {
  // Three rounds around `rps`: the median is `rps` itself.
  return [rps * 0.5, rps, rps * 2].map((value, round) => ({
    db: "sqlite", round, workload, server, rps: value, p50: 1, p90: 2, p99: 4, max: 9, requests: 1000, served: 1000, errors: 0,
    cpuUsPerRequest: 1e6 / rps, sqlPerRequest: server === "bare" ? null : 1, cookieBytes: 350, rssMiB: workload === "get-session" ? 90 : null, ...extra,
  }));
}

const results = [
  ...m("get-session", "bare", 40_000),
  ...m("get-session", "floor", 10_000),
  ...m("get-session", "kernia", 9_500),
  ...m("get-session", "better-auth", 500),
  ...m("list-1", "kernia", 8_000),
  ...m("list-10", "kernia", 4_000),
  ...m("list-5", "kernia", 6_000),
  ...m("list-5", "better-auth", 500),
];

describe("RESULTS.md", () => {
  it("judges the issue's targets on the medians: met, or missed by how much", () => {
    const md = report({ machine, settings, results });
    expect(md).toContain("| get-session, 5 accounts, no cache: at least 0.9 x floor | **met** (0.95 x) |");
    expect(md).toContain("| get-session, 5 accounts, no cache: at least 15 x Better Auth | **met** (19.00 x) |");
    expect(md).toContain("| list-device-sessions, 5 accounts: at least 15 x Better Auth | **missed** by 20% (12.00 x) |");
    // 10 accounts at 4,000 req/s cost 250 µs against 125 µs for one: 2 x, 1.6 allowed.
    expect(md).toContain("| list 10 accounts cost at most 1.6 x one account (CPU per request) | **missed** by 25% (2.00 x) |");
    expect(md).toContain("not measured: src/options.ts has no `sessionCache` option");
    expect(md).toContain("| peak RSS under get-session load at most 100 MiB | **met** (90 MiB) |");
    expect(md).not.toContain("Noisy dev run");
  });

  it("marks a short run or a busy machine as noisy", () => {
    expect(report({ machine: { ...machine, loadavgBefore: [2, 2, 2] }, settings, results })).toContain("Noisy dev run, rerun with `npm run bench`");
    expect(report({ machine, settings: { ...settings, duration: 2, rounds: 1 }, results })).toContain("Noisy dev run");
  });

  it("reports a statement count other than one as missed", () => {
    const extra = results.map((r) => (r.server === "kernia" && r.workload === "list-10" ? { ...r, sqlPerRequest: 2 } : r));
    expect(report({ machine, settings, results: extra })).toMatch(/exactly one SQL statement.*\*\*missed\*\*.*list-10 2\.00/);
  });
});

describe("RESULTS.md and the profile", () => {
  it("quotes the group table of bench/PROFILE.md and shows the flame graph", () => {
    const profile = ["# p", "", "Made by x.", "", "| group | self time | share |", "|---|---:|---:|", "| crypto | 5 ms | 7.0% |", "", "Top 25"].join("\n");
    const md = report({ machine, settings, results, profile });
    expect(md).toContain("Made by x.\n\n| group | self time | share |\n|---|---:|---:|\n| crypto | 5 ms | 7.0% |\n");
    expect(md).not.toContain("Top 25");
    expect(md).toContain("![Flame graph of Kernia under get-session load](flame.png)");
  });

  it("puts bench/ANALYSIS.md after the targets, and nothing when there is none", () => {
    const analysis = "## Why the missed targets miss\n\nBecause.\n";
    const md = report({ machine, settings, results, analysis });
    expect(md.indexOf("## Why the missed targets miss")).toBeGreaterThan(md.indexOf("## Targets of issue 12"));
    expect(md.indexOf("## Why the missed targets miss")).toBeLessThan(md.indexOf("## The numbers when issue 12 was filed"));
    expect(report({ machine, settings, results })).not.toContain("Why the missed");
  });
});

const here = dirname(fileURLToPath(import.meta.url));

describe("bench/render.mjs", () => {
  it("writes the report of a saved run again, without measuring", () => {
    const dir = mkdtempSync(join(tmpdir(), "kernia-render-"));
    try {
      const raw = join(dir, "results-x.json");
      writeFileSync(raw, JSON.stringify({ machine, settings, results }));
      const out = execFileSync(process.execPath, [join(here, "render.mjs"), raw, "--results=-"], { encoding: "utf8" });
      const expected = report({
        machine,
        settings,
        results,
        profile: readFileSync(join(here, "PROFILE.md"), "utf8"),
        analysis: readFileSync(join(here, "ANALYSIS.md"), "utf8"),
      });
      expect(out).toBe(`${expected}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
