// Runs the generated-input suites at their stress sizes and rewrites the figures table of
// docs/reliability.md from what they report: `npm run reliability:report`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PAGE = "docs/reliability.md";
const dir = mkdtempSync(join(tmpdir(), "kernia-figures-"));
const figures = join(dir, "figures.jsonl");
const results = join(dir, "results.json");
const env = { ...process.env, KERNIA_FIGURES: figures, KERNIA_RACE_RUNS: "1000", KERNIA_FUZZ_RUNS: "2000" };
const run = spawnSync("npx", ["vitest", "run", "test/races", "test/fuzz", "--reporter=json", `--outputFile.json=${results}`], { env, stdio: "inherit" });

const lines = readFileSync(figures, "utf8").trim().split("\n").map((line) => JSON.parse(line));
const report = JSON.parse(readFileSync(results, "utf8"));
const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim();
const rows = lines.map(({ suite, cases, steps, concurrentSteps, answers }) => {
  const detail = steps !== undefined ? `${steps} steps, ${concurrentSteps} of them two tabs at once` : answers ? `answers ${Object.entries(answers).map(([s, n]) => `${s}: ${n}`).join(", ")}` : "";
  return `| ${suite} | ${cases.toLocaleString("en")} | ${detail} |`;
});
const table = [
  `Latest run: commit ${commit}, ${new Date().toISOString().slice(0, 10)}; ${report.numPassedTests} tests passed, ${report.numFailedTests} failed.`,
  "",
  "| suite | cases | what they reached |",
  "|---|---:|---|",
  ...rows,
].join("\n");
const page = readFileSync(PAGE, "utf8");
const updated = page.replace(/<!-- figures:start -->[\s\S]*<!-- figures:end -->/, `<!-- figures:start -->\n${table}\n<!-- figures:end -->`);
writeFileSync(PAGE, updated);
rmSync(dir, { recursive: true, force: true });
console.log(table);
process.exit(run.status ?? 1);
