import { execFile } from "node:child_process";
import { scryptSync } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { getPriority } from "node:os";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterEach, describe, expect, test } from "vitest";
import { createHashThreads, HASH_NICE_STEPS, type HashThreads, type ScryptParams } from "./hash-threads.js";

// Small enough to be quick; the cost parameters are the caller's, not the threads'.
const PARAMS: ScryptParams = { keyLength: 64, N: 1024, r: 8, p: 1, maxmem: 32 * 1024 * 1024 };
const linux = process.platform === "linux";

/** This process's threads HASH_NICE_STEPS below its own priority, read from /proc (field 19 of each task's stat). */
function niceThreads(): number {
  const lowered = String(Math.min(19, getPriority() + HASH_NICE_STEPS));
  let count = 0;
  for (const tid of readdirSync("/proc/self/task")) {
    try {
      const fields = readFileSync(`/proc/self/task/${tid}/stat`, "utf8").split(") ")[1]!.split(" ");
      if (fields[16] === lowered) count++;
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return count;
}

describe("createHashThreads", () => {
  let threads: HashThreads | undefined;
  afterEach(async () => {
    await threads?.close();
    threads = undefined;
  });

  test("derives the key node:crypto's scryptSync derives, for every call of a burst larger than the pool", async () => {
    threads = createHashThreads(PARAMS, 2);
    const inputs = Array.from({ length: 7 }, (_, i) => [`password ${i}`, `salt-${i}`] as const);
    const keys = await Promise.all(inputs.map(([password, salt]) => threads!.derive(password, salt)));
    keys.forEach((key, i) => {
      const [password, salt] = inputs[i]!;
      expect(key.toString("hex")).toBe(scryptSync(password, salt, 64, PARAMS).toString("hex"));
    });
  });

  test.runIf(linux)("each thread hashes HASH_NICE_STEPS below the process's priority, and no more threads start than the pool's size", async () => {
    const before = niceThreads();
    threads = createHashThreads(PARAMS, 2);
    await Promise.all(Array.from({ length: 6 }, (_, i) => threads!.derive("pw", `salt-${i}`)));
    expect(niceThreads() - before).toBe(2);
  });

  test("a hash the thread cannot compute (over maxmem) rejects with scrypt's reason, and the next call is answered too", async () => {
    const tight = createHashThreads({ ...PARAMS, maxmem: 1024 }, 1);
    try {
      await expect(tight.derive("pw", "salt")).rejects.toThrow(/password hash failed: .*mem/i);
      await expect(tight.derive("pw", "salt")).rejects.toThrow(/password hash failed/);
    } finally {
      await tight.close();
    }
  });

  test("fault: closing while hashes run and wait rejects every one of them, and a later call still hashes", async () => {
    threads = createHashThreads(PARAMS, 1);
    const pending = [threads.derive("a", "s"), threads.derive("b", "s"), threads.derive("c", "s")];
    const settled = Promise.allSettled(pending);
    await threads.close();
    for (const outcome of await settled) {
      expect(outcome.status).toBe("rejected");
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(Error);
    }
    const key = await threads.derive("pw", "salt");
    expect(key.toString("hex")).toBe(scryptSync("pw", "salt", 64, PARAMS).toString("hex"));
  });

  test("a script that only awaits hashes is kept alive until each is done (the first on a new thread, the next on an idle one), and the idle thread does not keep it alive", async () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const script = `
      import { createHashThreads } from "./hash-threads.ts";
      const threads = createHashThreads(${JSON.stringify(PARAMS)}, 1);
      await threads.derive("first", "salt");
      // The thread now idles, unref'd: this second hash must hold the process open again.
      const key = await threads.derive("pw", "salt");
      console.log(key.toString("hex"));
    `;
    const bundle = await build({ stdin: { contents: script, resolveDir: here, loader: "ts" }, bundle: true, platform: "node", format: "esm", write: false });
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", bundle.outputFiles[0]!.text], { timeout: 30_000 });
    // execFile rejects if the script is killed at 30 s, i.e. if the idle thread held it open.
    expect(stdout.trim()).toBe(scryptSync("pw", "salt", 64, PARAMS).toString("hex"));
  });
});
