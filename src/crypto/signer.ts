import { webcrypto } from "node:crypto";

const { subtle } = webcrypto;
const encoder = new TextEncoder();

/** The outcome of checking a signed value. `stale` means an older secret verified it: re-sign it. */
export interface Verified {
  value: string;
  stale: boolean;
}

/**
 * HMAC-SHA256 signing in Better Auth's cookie format: `value + "." + base64(mac)` with standard,
 * padded base64. Keys are imported once; `secrets[0]` signs, every secret verifies (rotation).
 */
export interface Signer {
  /** `value.signature`, not yet URI-encoded. */
  sign(value: string): Promise<string>;
  /** The value when some secret's MAC matches, else `null`. Never throws. */
  verify(signed: string): Promise<Verified | null>;
}

/** Builds a signer for `[current, ...previous]` secrets; the keys are imported once, at startup. */
export function createSigner(secrets: readonly string[]): Signer {
  if (secrets.length === 0) throw new Error("createSigner needs at least one secret");
  const imported = Promise.all(
    secrets.map((secret) =>
      subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]),
    ),
  );
  // Surface an import failure at the first use, not as an unhandled rejection.
  imported.catch(() => undefined);

  return {
    async sign(value) {
      const [current] = await imported;
      const mac = await subtle.sign("HMAC", current as webcrypto.CryptoKey, encoder.encode(value));
      return `${value}.${Buffer.from(mac).toString("base64")}`;
    },
    async verify(signed) {
      const dot = signed.lastIndexOf(".");
      if (dot < 1) return null;
      const signature = signed.slice(dot + 1);
      // A SHA-256 MAC is 32 bytes: 44 base64 characters ending in one "=".
      if (signature.length !== 44 || !/^[A-Za-z0-9+/]{43}=$/.test(signature)) return null;
      const mac = Buffer.from(signature, "base64");
      // Reject non-canonical encodings (a flipped padding bit still decodes to the same bytes).
      if (mac.toString("base64") !== signature) return null;
      const data = encoder.encode(signed.slice(0, dot));
      const keys = await imported;
      for (let i = 0; i < keys.length; i++) {
        // subtle.verify compares in constant time.
        if (await subtle.verify("HMAC", keys[i] as webcrypto.CryptoKey, mac, data)) {
          return { value: signed.slice(0, dot), stale: i > 0 };
        }
      }
      return null;
    },
  };
}
