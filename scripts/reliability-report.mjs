// Runs the generated-input suites, and the soak, at their stress sizes and rewrites the figures
// table of docs/reliability.md from what they report: `npm run reliability:report`.
// Given test files or folders (`npm run reliability:report -- test/soak`), it runs only those and
// replaces only their rows, keeping the other suites' rows from the last run.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PAGE = "docs/reliability.md";
const ALL = ["test/races", "test/fuzz", "test/soak"];
const only = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), "kernia-figures-"));
const figures = join(dir, "figures.jsonl");
const results = join(dir, "results.json");
const env = { ...process.env, KERNIA_FIGURES: figures, KERNIA_RACE_RUNS: "1000", KERNIA_FUZZ_RUNS: "2000", KERNIA_SOAK_SECONDS: process.env.KERNIA_SOAK_SECONDS ?? "60" };
const files = only.length ? only : ALL;
const run = spawnSync("npx", ["vitest", "run", "--project", "node", ...files, "--reporter=json", `--outputFile.json=${results}`], { env, stdio: "inherit" });

const lines = readFileSync(figures, "utf8").trim().split("\n").map((line) => JSON.parse(line));
const report = JSON.parse(readFileSync(results, "utf8"));
const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim();

/** What a suite reached, from the figures it recorded (see test/support/figures.ts). */
function detail(figure) {
  const parts = [];
  if (figure.soak !== undefined) parts.push(figure.soak);
  if (figure.steps !== undefined) parts.push(`${figure.steps} steps, ${figure.concurrentSteps} of them two tabs at once`);
  if (figure.answers) parts.push(`answers ${Object.entries(figure.answers).map(([s, n]) => `${s}: ${n}`).join(", ")}`);
  if (figure.characters !== undefined) {
    parts.push(`${figure.characters.toLocaleString("en")} characters; parser steps per character ${figure.stepsPerCharacter} on average, ${figure.worstStepsPerCharacter} at worst (bound ${figure.bound})`);
  }
  if (figure.heapMiB !== undefined) parts.push(`heap (MiB, after full GC) ${figure.heapMiB}; RSS (MiB) ${figure.rssMiB}; file descriptors ${figure.fds}`);
  return parts.join("; ");
}

const fresh = new Map(lines.map((figure) => [figure.suite, `| ${figure.suite} | ${figure.cases.toLocaleString("en")} | ${detail(figure)} |`]));
const page = readFileSync(PAGE, "utf8");
const block = /<!-- figures:start -->[\s\S]*<!-- figures:end -->/;
// Rows of the suites not run this time stay as the last run left them.
const kept = only.length
  ? (page.match(block)?.[0] ?? "")
      .split("\n")
      .filter((line) => line.startsWith("| ") && !line.startsWith("| suite |"))
      .map((line) => [line.slice(2, line.indexOf(" | ")), line])
  : [];
const rows = new Map(kept);
for (const [suite, row] of fresh) rows.set(suite, row);

const table = [
  `Latest run: commit ${commit}, ${new Date().toISOString().slice(0, 10)}, of ${files.join(", ")}; ${report.numPassedTests} tests passed, ${report.numFailedTests} failed${only.length && kept.length ? "; the other rows are from an earlier run" : ""}.`,
  "",
  "| suite | cases | what they reached |",
  "|---|---:|---|",
  ...rows.values(),
].join("\n");
writeFileSync(PAGE, page.replace(block, `<!-- figures:start -->\n${table}\n<!-- figures:end -->`));
rmSync(dir, { recursive: true, force: true });
console.log(table);
process.exit(run.status ?? 1);
