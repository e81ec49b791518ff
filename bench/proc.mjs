// What /proc tells about a server process: CPU time spent, and its peak resident set.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { setTimeout } from "node:timers/promises";

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

/** utime + stime of every thread of `pid` so far, in microseconds (resolution 1/CLK_TCK s). */
export function cpuMicros(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces) start at field 3 (state).
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1e6) / TICKS_PER_SECOND;
}

/** VmHWM (peak resident set) of `pid`, in MiB. */
export function peakRssMiB(pid) {
  const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : NaN;
}

/**
 * Resets VmHWM to the current RSS (`echo 5 > /proc/<pid>/clear_refs`), so the next reading is
 * the peak of what follows. Returns false when the kernel refuses (the peak is then lifetime).
 */
export function resetPeakRss(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

/**
 * Waits until every process of `pids` is idle: together less than `quietMicros` of CPU (the
 * default: not one clock tick) in each of two `stepMs` windows in a row, or `limitMs` passed.
 * Resolves to { waitedMs, idle }. A measurement starts only after the previous ones' leftovers
 * are done: requests still in flight when wrk stopped. A sign-in's hash on Kernia's low-priority
 * threads gets only a small share of a core that anything else keeps busy (the next load, or
 * another server's last hashes), and would carry its 32 MiB of scrypt memory and its CPU time
 * into the next measurement.
 */
export async function untilIdle(pids, { stepMs = 100, quietMicros = 2000, limitMs = 30000 } = {}) {
  const started = Date.now();
  const total = () => pids.reduce((sum, pid) => sum + cpuMicros(pid), 0);
  let quiet = 0;
  let last = total();
  while (quiet < 2) {
    if (Date.now() - started > limitMs) return { waitedMs: Date.now() - started, idle: false };
    await setTimeout(stepMs);
    const now = total();
    quiet = now - last < quietMicros ? quiet + 1 : 0;
    last = now;
  }
  return { waitedMs: Date.now() - started, idle: true };
}
