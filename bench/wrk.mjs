// Runs wrk (Debian's 4.1) pinned to core 0 with bench/request.lua, and reads back its summary.
import { execFileSync, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

function has(command) {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Makes sure `wrk` and `taskset` are there, installing wrk with apt-get when it is missing. */
export function ensureTools(log) {
  if (!has("wrk")) {
    log("wrk is missing: running apt-get install -y wrk");
    try {
      execFileSync("apt-get", ["install", "-y", "wrk"], { stdio: "inherit" });
    } catch (error) {
      throw new Error(`could not install wrk (${error.message}); install it with: sudo apt-get install -y wrk`);
    }
  }
  if (!has("taskset")) throw new Error("taskset (util-linux) is missing: the bench pins wrk and the servers to cores with it");
}

/** "10s", "2s", "500ms", "1m" or a number of seconds, in seconds. */
export function seconds(text) {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(String(text));
  if (!match) throw new Error(`not a duration: ${text}`);
  const value = Number(match[1]);
  return match[2] === "ms" ? value / 1000 : match[2] === "m" ? value * 60 : value;
}

/**
 * One wrk run against `url`: `connections` keep-alive connections on one thread for `duration`
 * seconds. Resolves to wrk's summary (latencies in microseconds) plus `rps`.
 */
export function wrk({ url, cookie = "", method = "GET", body = "", origin = "", duration, connections = 50, delayMs = 0, cpu = 0 }) {
  const args = ["-c", String(cpu), "wrk", "-t1", `-c${connections}`, `-d${Math.max(1, Math.round(duration))}s`, "--latency", "--timeout", "30s", "-s", join(here, "request.lua"), url];
  const env = { ...process.env, BENCH_METHOD: method, BENCH_BODY: body, BENCH_COOKIE: cookie, BENCH_ORIGIN: origin, BENCH_DELAY_MS: String(delayMs) };
  return new Promise((resolve, reject) => {
    const child = spawn("taskset", args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.once("error", reject);
    child.once("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("BENCH_JSON "));
      if (code !== 0 || !line) return reject(new Error(`wrk exited with ${code}: ${err || out}`));
      const s = JSON.parse(line.slice("BENCH_JSON ".length));
      const errors = s.connectErrors + s.readErrors + s.writeErrors + s.statusErrors + s.timeouts;
      resolve({ ...s, errors, rps: s.requests / (s.durationUs / 1e6) });
    });
  });
}
