import { createHmac, createSecretKey, type KeyObject } from "node:crypto";

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
  sign(value: string): string;
  /** The value when some secret's MAC matches, else `null`. Never throws. */
  verify(signed: string): Verified | null;
}

// A base64 SHA-256 MAC is 43 characters and one "=" of padding.
const SIGNATURE_LENGTH = 44;

/**
 * Builds a signer for `[current, ...previous]` secrets. The keys are made once, at startup, and
 * the MAC is computed on the calling thread, synchronously: a 2 µs HMAC is cheaper than a trip
 * through libuv's pool (or a promise), and keeps session checks from queueing behind password
 * hashes there.
 */
export function createSigner(secrets: readonly string[]): Signer {
  if (secrets.length === 0) throw new Error("createSigner needs at least one secret");
  const keys: KeyObject[] = secrets.map((secret) => createSecretKey(Buffer.from(secret, "utf8")));
  const current = keys[0] as KeyObject;
  const mac = (key: KeyObject, value: string) => createHmac("sha256", key).update(value, "utf8").digest("base64");

  return {
    sign(value) {
      return `${value}.${mac(current, value)}`;
    },
    verify(signed) {
      const dot = signed.lastIndexOf(".");
      if (dot < 1 || signed.length - dot - 1 !== SIGNATURE_LENGTH) return null;
      const signature = signed.slice(dot + 1);
      const value = signed.slice(0, dot);
      // The MAC's own base64 is canonical (standard alphabet, padded, zero padding bits), so a
      // signature matches only in that one spelling: a flipped padding bit or a URL-safe
      // alphabet, which would decode to the same bytes, is refused.
      for (let i = 0; i < keys.length; i++) {
        if (sameText(mac(keys[i] as KeyObject, value), signature)) return { value, stale: i > 0 };
      }
      return null;
    },
  };
}

/**
 * Whether two strings of the same length are equal, in a time that depends only on their length
 * and not on where they first differ (a MAC compared with `===` would leak how much of a forged
 * signature is right).
 */
function sameText(expected: string, given: string): boolean {
  if (expected.length !== given.length) return false;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  return difference === 0;
}
