// Writes bench/RESULTS.md again from a run's raw results (bench/.work/results-<stamp>.json, the
// newest unless named), with the current bench/PROFILE.md and bench/ANALYSIS.md: for when the
// analysis or the profile was rewritten after the run. Measures nothing.
//
// Usage: node bench/render.mjs [bench/.work/results-<stamp>.json] [--results=bench/RESULTS.md | --results=-]
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { report } from "./report.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const resultsFile = args.find((a) => a.startsWith("--results="))?.slice("--results=".length) ?? join(here, "RESULTS.md");
const named = args.find((a) => !a.startsWith("--"));
const work = join(here, ".work");
const newest = existsSync(work)
  ? readdirSync(work)
      .filter((name) => /^results-.*\.json$/.test(name))
      .sort()
      .at(-1)
  : undefined;
const source = named ?? (newest && join(work, newest));
if (!source) throw new Error("no raw results: run `npm run bench` first, or name a results-<stamp>.json");

const { machine, settings, results } = JSON.parse(readFileSync(source, "utf8"));
const readIf = (file) => (existsSync(file) ? readFileSync(file, "utf8") : "");
const markdown = report({ machine, settings, results, profile: readIf(join(here, "PROFILE.md")), analysis: readIf(join(here, "ANALYSIS.md")) });
if (resultsFile === "-") console.log(markdown);
else writeFileSync(resultsFile, markdown);
console.error(`rendered ${source} into ${resultsFile}`);
