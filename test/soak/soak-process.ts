import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** What the soak server reports after full garbage collections. */
export interface Measured {
  heapUsed: number;
  rss: number;
  external: number;
  /** Open HTTP connections to the server. */
  connections: number;
  /** Listeners on `process` and on the HTTP server, all events summed. */
  listeners: { process: number; server: number };
  /** Open file descriptors (entries of /proc/<pid>/fd). */
  fds: number;
}

type Message = { type: "ready"; port: number } | { type: "warning"; text: string } | ({ type: "measured" } & Omit<Measured, "fds">);

export const SOAK_ORIGIN = "http://soak.test";

/** The soak server (`soak-server.mjs`) in its own Node process, with --expose-gc and an IPC channel. */
export interface SoakProcess {
  target: string;
  pid: number;
  /** Process warnings the server emitted (MaxListenersExceededWarning and the like). */
  warnings: string[];
  stderr: () => string;
  measure(): Promise<Measured>;
  stop(): Promise<void>;
}

export async function startSoakServer(env: Record<string, string> = {}): Promise<SoakProcess> {
  const dir = mkdtempSync(join(tmpdir(), "kernia-soak-"));
  const script = fileURLToPath(new URL("./soak-server.mjs", import.meta.url));
  const child: ChildProcess = fork(script, [], {
    execArgv: ["--expose-gc"],
    env: { ...process.env, ...env, SOAK_DIR: dir, SOAK_SECRET: randomBytes(32).toString("base64url"), SOAK_BASE_URL: SOAK_ORIGIN },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  child.stdout?.resume();
  const warnings: string[] = [];
  let waiting: ((m: Omit<Measured, "fds">) => void) | undefined;
  const ready = new Promise<number>((resolve, reject) => {
    child.on("message", (message: Message) => {
      if (message.type === "ready") resolve(message.port);
      else if (message.type === "warning") warnings.push(message.text);
      else if (message.type === "measured") waiting?.(message);
    });
    child.once("exit", (code) => reject(new Error(`the soak server exited (${code}) before it listened (run \`npm run build\` first?):\n${stderr}`)));
  });
  const port = await ready;
  const pid = child.pid as number;
  return {
    target: `http://127.0.0.1:${port}`,
    pid,
    warnings,
    stderr: () => stderr,
    async measure() {
      const reported = await new Promise<Omit<Measured, "fds">>((resolve) => {
        waiting = resolve;
        child.send({ type: "measure" });
      });
      return { ...reported, fds: readdirSync(`/proc/${pid}/fd`).length };
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.send({ type: "stop" });
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
