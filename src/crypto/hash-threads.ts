import { Worker } from "node:worker_threads";

/** scrypt's cost parameters and key length, as `node:crypto` takes them. */
export interface ScryptParams {
  keyLength: number;
  N: number;
  r: number;
  p: number;
  maxmem: number;
}

/** Threads that hash with scrypt below the process's OS priority; see {@link createHashThreads}. */
export interface HashThreads {
  derive(password: string, salt: string): Promise<Buffer>;
  /** Ends every thread; hashes running or waiting reject. A later call starts threads again. */
  close(): Promise<void>;
}

/**
 * How many nice steps a hash thread sits below the process. The kernel shares a busy core by
 * weight. Under a get-session load that saturates one core, hashes 5 steps down took about a
 * quarter of it (1.6 sign-ins a second at about 145 ms of CPU each, bench/ANALYSIS.md): session
 * checks keep most of the CPU and sign-ins still finish. At nice 19 a thread's share is about
 * 1.5%, and at most one sign-in finished in 10 s of that load.
 */
export const HASH_NICE_STEPS = 5;

/**
 * The thread's source, run with `eval` so that no bundler has to find a second file. The thread
 * first lowers its own priority by HASH_NICE_STEPS (its Linux thread id is the last part of
 * /proc/thread-self), then hashes one password per message, synchronously: it exists for nothing else.
 */
const SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { scryptSync } = require("node:crypto");
const os = require("node:os");
try {
  const tid = Number(require("node:fs").readlinkSync("/proc/thread-self").split("/").pop());
  os.setPriority(tid, Math.min(19, os.getPriority(tid) + ${HASH_NICE_STEPS}));
} catch {}
const { keyLength, N, r, p, maxmem } = workerData;
parentPort.on("message", ({ password, salt }) => {
  let reply;
  try {
    reply = { key: new Uint8Array(scryptSync(password, salt, keyLength, { N, r, p, maxmem })) };
  } catch (error) {
    reply = { error: String((error && error.message) || error) };
  }
  parentPort.postMessage(reply);
});
`;

interface Job {
  password: string;
  salt: string;
  resolve: (key: Buffer) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  job: Job | null;
}

/**
 * At most `size` worker threads, each started by the first hash that finds no idle one and kept
 * for the process's life (about 45 ms of CPU to start and about 6 to 9 MiB each; bench/ANALYSIS.md has
 * the measurements). Each hashes one password at a time, HASH_NICE_STEPS below the process's
 * priority: when the event loop has work, the kernel gives it the core over a hash at once, so
 * session checks stay fast while sign-ins run; a hash slows only while every core is busy. A
 * thread holds the process open only while it hashes; one that dies rejects its hash and is
 * replaced by the next call. Callers bound their concurrency to `size` (password.ts's limiter);
 * a call beyond it waits. Linux only: elsewhere the priority cannot be set per thread, and
 * password.ts hashes on libuv's pool instead.
 */
export function createHashThreads(params: ScryptParams, size: number): HashThreads {
  const threads = new Set<Thread>();
  const waiting: Job[] = [];

  const give = (thread: Thread, job: Job) => {
    thread.job = job;
    thread.worker.ref();
    thread.worker.postMessage({ password: job.password, salt: job.salt });
  };

  const rest = (thread: Thread) => {
    thread.job = null;
    thread.worker.unref();
    const job = waiting.shift();
    if (job) give(thread, job);
  };

  // Forgets the thread, rejects its hash, and hands the next waiting hash to a new thread.
  const drop = (thread: Thread, error: Error) => {
    if (!threads.delete(thread)) return;
    thread.job?.reject(error);
    thread.job = null;
    const job = waiting.shift();
    if (job) run(job);
  };

  const start = (): Thread => {
    const worker = new Worker(SOURCE, {
      eval: true,
      // Not the process's flags: --input-type=module, for one, would run SOURCE as a module.
      execArgv: [],
      workerData: params,
      // scrypt's memory is outside V8's heap; the thread's own JavaScript needs little.
      resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 },
    });
    const thread: Thread = { worker, job: null };
    worker.on("message", (reply: { key?: Uint8Array; error?: string }) => {
      const job = thread.job;
      if (!job) return;
      if (reply.key) job.resolve(Buffer.from(reply.key.buffer, reply.key.byteOffset, reply.key.byteLength));
      else job.reject(new Error(`kernia: password hash failed: ${reply.error}`));
      rest(thread);
    });
    worker.on("error", (error) => drop(thread, error));
    worker.on("exit", (code) => drop(thread, new Error(`kernia: password hash thread exited with code ${code}`)));
    threads.add(thread);
    return thread;
  };

  const run = (job: Job) => {
    for (const thread of threads) if (thread.job === null) return give(thread, job);
    if (threads.size < size) give(start(), job);
    else waiting.push(job);
  };

  return {
    derive(password, salt) {
      return new Promise((resolve, reject) => run({ password, salt, resolve, reject }));
    },
    async close() {
      for (const job of waiting.splice(0)) job.reject(new Error("kernia: password hashing closed"));
      const all = [...threads];
      for (const thread of all) drop(thread, new Error("kernia: password hashing closed"));
      await Promise.all(all.map((thread) => thread.worker.terminate()));
    },
  };
}
