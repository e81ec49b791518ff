import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from "node:crypto";

/** The outcome of checking a signed value. `stale` means an older secret verified it: re-sign it. */
export interface Verified {
  value: string;
  stale: boolean;
}

/**
 * HMAC-SHA256 signing in Better Auth's cookie format: `value + "." + base64(mac)` with standard,
 * padded base64. `secrets[0]` signs, every secret verifies (rotation).
 */
export interface Signer {
  /** `value.signature`, not yet URI-encoded. */
  sign(value: string): Promise<string>;
  /** The value when some secret's MAC matches, else `null`. Never throws. */
  verify(signed: string): Promise<Verified | null>;
}

// A base64 SHA-256 MAC: 43 characters and one "=" of padding.
const SIGNATURE = /^[A-Za-z0-9+/]{43}=$/;

/**
 * Builds a signer for `[current, ...previous]` secrets. The keys are made once, at startup, and
 * the MAC is computed on the calling thread: a 3 µs HMAC is cheaper than a trip through libuv's
 * pool, and keeps session checks from queueing behind password hashes there.
 */
export function createSigner(secrets: readonly string[]): Signer {
  if (secrets.length === 0) throw new Error("createSigner needs at least one secret");
  const keys: KeyObject[] = secrets.map((secret) => createSecretKey(Buffer.from(secret, "utf8")));
  const current = keys[0] as KeyObject;
  const mac = (key: KeyObject, value: string) => createHmac("sha256", key).update(value, "utf8").digest();

  return {
    async sign(value) {
      return `${value}.${mac(current, value).toString("base64")}`;
    },
    async verify(signed) {
      const dot = signed.lastIndexOf(".");
      if (dot < 1) return null;
      const signature = signed.slice(dot + 1);
      if (!SIGNATURE.test(signature)) return null;
      const given = Buffer.from(signature, "base64");
      // Reject non-canonical encodings (a flipped padding bit decodes to the same bytes).
      if (given.toString("base64") !== signature) return null;
      const value = signed.slice(0, dot);
      for (let i = 0; i < keys.length; i++) {
        if (timingSafeEqual(mac(keys[i] as KeyObject, value), given)) return { value, stale: i > 0 };
      }
      return null;
    },
  };
}
