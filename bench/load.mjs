// The load generator: a separate process (forked by run.mjs) that sends HTTP/1.1 requests over
// keep-alive connections to 127.0.0.1 only. It gets one job over IPC, answers the numbers and
// exits. Every stream is bounded: a fixed count, or a fixed rate until the fixed-count streams
// of the same job are done (with a hard cap).
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

/** One request; resolves to [status, milliseconds]. Never rejects. */
function send(agent, target) {
  return new Promise((resolve) => {
    const start = performance.now();
    const req = request(
      { agent, host: "127.0.0.1", port: target.port, path: target.path, method: target.method, headers: target.headers },
      (res) => {
        res.resume();
        res.on("end", () => resolve([res.statusCode, performance.now() - start]));
        res.on("error", () => resolve([0, performance.now() - start]));
      },
    );
    req.on("error", () => resolve([0, performance.now() - start]));
    req.end(target.body);
  });
}

function summarize(samples, elapsedMs, expected) {
  const ms = samples.map((s) => s[1]).sort((a, b) => a - b);
  const at = (q) => (ms.length ? ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)] : NaN);
  const errors = samples.filter((s) => s[0] !== expected).length;
  return {
    count: samples.length,
    errors,
    elapsedMs,
    rps: (samples.length / elapsedMs) * 1000,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: ms.at(-1) ?? NaN,
  };
}

/** `concurrency` workers send until `count` requests are done (closed loop). */
async function closedLoop(agent, target, count, concurrency) {
  const samples = [];
  let issued = 0;
  const worker = async () => {
    while (issued < count) {
      issued++;
      samples.push(await send(agent, target));
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { samples, elapsedMs: performance.now() - start };
}

/**
 * One request every 1000/rate ms, whatever the server's state (open loop), until `isDone()` or
 * `cap` requests. Latency is counted from the scheduled send time, so a stalled server shows
 * in the tail instead of silently lowering the request rate.
 */
async function openLoop(agent, target, rate, isDone, cap) {
  const samples = [];
  const pending = [];
  const interval = 1000 / rate;
  const start = performance.now();
  for (let i = 0; i < cap && !isDone(); i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(send(agent, target).then(([status]) => samples.push([status, performance.now() - due])));
  }
  await Promise.all(pending);
  return { samples, elapsedMs: performance.now() - start };
}

async function run(job) {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const results = {};
  for (const stream of job.streams) {
    if (stream.warmup) await closedLoop(agent, stream.target, stream.warmup, stream.concurrency ?? 4);
  }
  let fixedLeft = job.streams.filter((s) => !s.rate).length;
  // Paced streams alone run to their cap; beside fixed-count streams they stop with them.
  const isDone = fixedLeft === 0 ? () => false : () => fixedLeft === 0;
  const runs = job.streams.map(async (stream) => {
    const out = stream.rate
      ? await openLoop(agent, stream.target, stream.rate, isDone, stream.cap)
      : await closedLoop(agent, stream.target, stream.count, stream.concurrency);
    if (!stream.rate) fixedLeft--;
    results[stream.name] = summarize(out.samples, out.elapsedMs, stream.expect ?? 200);
  });
  await Promise.all(runs);
  agent.destroy();
  return results;
}

process.once("message", async (job) => {
  process.send(await run(job), () => process.exit(0));
});
