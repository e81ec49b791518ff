import { randomBytes } from "node:crypto";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * A random string of `[A-Za-z0-9]` from the CSPRNG, 32 characters by default: the shape of
 * Better Auth's ids and session tokens. Bytes of 248 and above are rejected so every
 * character is equally likely (248 = 4 * 62).
 *
 * @example
 * const token = randomId(); // "q3V9..." (32 chars)
 */
export function randomId(length = 32): string {
  let out = "";
  while (out.length < length) {
    const bytes = randomBytes(length * 2);
    for (const byte of bytes) {
      if (byte >= 248) continue;
      out += ALPHABET[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** A new secret for `KERNIA_SECRET`: 32 random bytes as base64url (43 characters). */
export function generateSecret(): string {
  return randomBytes(32).toString("base64url");
}
