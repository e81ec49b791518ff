import type { Signer } from "../../crypto/signer.js";

/**
 * The `<prefix>.session_list` cookie: `v1~<token>~<token>…` signed, oldest activation first.
 * The MAC covers the cookie's name and the format version as well as the tokens, so a value
 * moved under another cookie name, or read by a later format, fails verification.
 */
const VERSION = "v1";
const TOKEN = /^[A-Za-z0-9]{16,128}$/;

/** Browsers drop a cookie whose name and value pass 4096 bytes; stay under it. */
export const COOKIE_LIMIT = 4096;
/** Base64 of a SHA-256 MAC, URI-encoded in the worst case ("+", "/", "=" each take 3 bytes). */
const SIGNATURE_WORST = 44 * 3;
const TOKEN_LENGTH = 32;

function macInput(cookieName: string, payload: string): string {
  return `${cookieName}\n${payload}`;
}

/** The cookie value (URI-encoded) for `tokens`. */
export function encodeList(signer: Signer, cookieName: string, tokens: readonly string[]): string {
  const payload = [VERSION, ...tokens].join("~");
  const signed = signer.sign(macInput(cookieName, payload));
  return encodeURIComponent(signed.slice(cookieName.length + 1));
}

/** The tokens of a list cookie (already URI-decoded), or `null` when it does not verify. */
export function decodeList(signer: Signer, cookieName: string, value: string): { tokens: string[]; stale: boolean } | null {
  const verified = signer.verify(macInput(cookieName, value));
  if (!verified) return null;
  const [version, ...tokens] = verified.value.slice(cookieName.length + 1).split("~");
  if (version !== VERSION || !tokens.every((t) => TOKEN.test(t))) return null;
  return { tokens, stale: verified.stale };
}

/**
 * The largest entry count whose `name=value` stays under 4096 bytes for a cookie `name` of this
 * length: `v1`, then 33 bytes per 32-character token (a `~` and the token), then `.` and the MAC.
 */
export function maximumEntries(cookieNameLength: number): number {
  const fixed = cookieNameLength + 1 + VERSION.length + 1 + SIGNATURE_WORST;
  return Math.floor((COOKIE_LIMIT - 1 - fixed) / (TOKEN_LENGTH + 1));
}
