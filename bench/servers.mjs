// Starts each server as its own Node process pinned to core 1 (`taskset -c 1 node <file>`), on a
// loopback port it picks, and learns the port (and, for `floor`, its seeded browsers) over IPC.
/* global fetch */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { openSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { clearTimeout, setTimeout } from "node:timers";

const here = dirname(fileURLToPath(import.meta.url));

/** Bundles bench/servers/kernia.ts with src/ as it is now (packages stay external) into `outfile`. */
export function bundleKernia(outfile) {
  return build({
    entryPoints: [join(here, "servers/kernia.ts")],
    outfile,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
  });
}

/**
 * `file` is the server's entry; `env` extra environment; `nodeArgs` flags for node (the profile
 * passes --cpu-prof). Resolves to { pid, port, origin, seed?, child, stop() }.
 */
export function startServer({ id, file, env = {}, nodeArgs = [], logDir, cpu = 1 }) {
  const out = openSync(join(logDir, `${id}.log`), "a");
  const child = spawn("taskset", ["-c", String(cpu), process.execPath, ...nodeArgs, file], {
    env: { ...process.env, NODE_ENV: "production", BENCH_SECRET: randomBytes(32).toString("hex"), ...env },
    stdio: ["ignore", out, out, "ipc"],
  });
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
  return new Promise((resolve, reject) => {
    child.once("message", ({ port, seed }) =>
      resolve({
        id,
        // taskset execs node, so the child's pid is the server's.
        pid: child.pid,
        port,
        origin: `http://127.0.0.1:${port}`,
        seed,
        child,
        exited,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
          const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
          await exited;
          clearTimeout(timer);
        },
      }),
    );
    exited.then((code) => reject(new Error(`${id} exited with ${code} before listening; see ${join(logDir, `${id}.log`)}`)));
  });
}

/**
 * The SQL statements the server has run and the requests it has served so far
 * (GET /__bench/sql-count), or null when it does not count them.
 */
export async function serverCounts(server) {
  try {
    const response = await fetch(`${server.origin}/__bench/sql-count`);
    const body = await response.json();
    return typeof body?.statements === "number" && typeof body?.requests === "number" ? body : null;
  } catch {
    return null;
  }
}
