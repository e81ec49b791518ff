import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { KerniaError } from "../errors.js";
import { createHashThreads } from "./hash-threads.js";
import { createLimiter } from "./limiter.js";
import { refusalLog } from "./refusal-log.js";

// Better Auth's parameters: scrypt N=16384, r=16, p=1, 64-byte key over the NFKC password,
// salted with the 32-character hex string of 16 random bytes (the string itself is the salt).
const N = 16384;
const R = 16;
const P = 1;
const KEY_LENGTH = 64;
const MAXMEM = 128 * N * R * 2;

function deriveOnPool(password: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: MAXMEM }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Hashes and verifies passwords in Better Auth's `<saltHex>:<keyHex>` format. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** `false` for a wrong password or a malformed hash; compares in constant time. */
  verify(hash: string, password: string): Promise<boolean>;
  /** Spends one hash's worth of work, so an unknown email costs what a wrong password costs. */
  burn(password: string): Promise<void>;
  /** Ends the hash threads, if any; later calls start them again. */
  close(): Promise<void>;
}

export interface PasswordHasherOptions {
  /** scrypt calls running at once. */
  concurrency: number;
  /**
   * `"low"` (default): on Linux, hash on threads of Kernia's own, HASH_NICE_STEPS below the
   * process's priority (hash-threads.ts), so the event loop wins the CPU over a hash.
   * `"normal"`, and any other system: on libuv's pool.
   */
  priority?: "low" | "normal";
  /** Calls allowed to wait for a slot. Default 64 per slot. */
  queueLimit?: number;
  /** Where refusals are logged: the first at once, then at most one line a minute with their count. Default `console`. */
  logger?: Pick<Console, "error">;
}

/**
 * Waiters per hash slot by default. The last one waits 64 hash times (about 6 to 10 s at 100 to
 * 150 ms a hash), still within a browser's patience; a longer queue only answers clients that gave up.
 */
const QUEUE_PER_SLOT = 64;

/**
 * A hasher whose scrypt calls run on libuv's pool, at most `concurrency` at once and at most
 * `queueLimit` waiting. Past that, `hash`, `verify` and `burn` reject at once with 503
 * `TOO_MANY_PENDING_PASSWORD_CHECKS`; routes hash before they write, so a refused request
 * changes nothing. Refusals are logged here, throttled (see {@link refusalLog}), not per request.
 *
 * @example
 * const hasher = createPasswordHasher({ concurrency: 2, queueLimit: 128 });
 * const stored = await hasher.hash("correct horse");
 * await hasher.verify(stored, "correct horse"); // true
 */
export function createPasswordHasher(options: PasswordHasherOptions): PasswordHasher {
  const queueLimit = options.queueLimit ?? QUEUE_PER_SLOT * options.concurrency;
  // A flood meets this on every request: one line a minute says so without drowning the log.
  const logRefusal = refusalLog(options.logger ?? console, {
    first: `kernia: 503 TOO_MANY_PENDING_PASSWORD_CHECKS: ${queueLimit} password checks already wait for ${options.concurrency} hash slot(s); further refusals are counted and logged once a minute`,
    since: (count, seconds) => `kernia: 503 TOO_MANY_PENDING_PASSWORD_CHECKS: ${count} more password checks refused in the last ${seconds} s`,
  });
  const limit = createLimiter(options.concurrency, {
    queueLimit,
    onQueueFull: () => {
      logRefusal();
      return new KerniaError(503, "TOO_MANY_PENDING_PASSWORD_CHECKS");
    },
  });
  const dummySalt = randomBytes(16).toString("hex");
  const threads =
    options.priority !== "normal" && process.platform === "linux"
      ? createHashThreads({ keyLength: KEY_LENGTH, N, r: R, p: P, maxmem: MAXMEM }, options.concurrency)
      : null;
  const derive = (password: string, salt: string) => {
    const normalized = password.normalize("NFKC");
    return threads ? threads.derive(normalized, salt) : deriveOnPool(normalized, salt);
  };

  return {
    async hash(password) {
      const salt = randomBytes(16).toString("hex");
      const key = await limit(() => derive(password, salt));
      return `${salt}:${key.toString("hex")}`;
    },
    async verify(hash, password) {
      const [salt, keyHex, extra] = hash.split(":");
      if (!salt || !keyHex || extra !== undefined || !/^[0-9a-f]+$/i.test(keyHex)) return false;
      const expected = Buffer.from(keyHex, "hex");
      const actual = await limit(() => derive(password, salt));
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },
    async burn(password) {
      await limit(() => derive(password, dummySalt));
    },
    async close() {
      await threads?.close();
    },
  };
}
