/** Attributes of a `Set-Cookie` header. */
export interface CookieAttributes {
  maxAge?: number;
  expires?: Date;
  path?: string;
  domain?: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: "lax" | "strict" | "none";
}

// RFC 6265 token for names; cookie-octet for values (no CTLs, whitespace, DQUOTE, comma, semicolon, backslash).
const NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const VALUE = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;

/**
 * `attributes` with `maxAge` set, as a new object. Not `{ ...attributes, maxAge }`: in optimised
 * code V8 (Node 20) gives every object made by a spread plus a key the source lacks a map of its
 * own, which is slow and leaves garbage for the old generation (issue 12; bench/ANALYSIS.md).
 */
export function withMaxAge(attributes: CookieAttributes, maxAge: number): CookieAttributes {
  return Object.assign({}, attributes, { maxAge });
}

/** Whether `name` can be written in a `Set-Cookie` (an RFC 6265 token). */
export function isCookieName(name: string): boolean {
  return NAME.test(name);
}

/**
 * Builds a `Set-Cookie` value. The value must already be encoded; a name or value with `;`, `,`,
 * CR, LF or another control character is refused, since it could inject attributes or headers.
 */
export function serializeCookie(name: string, value: string, attributes: CookieAttributes = {}): string {
  if (!NAME.test(name)) throw new TypeError(`Invalid cookie name: ${JSON.stringify(name)}`);
  if (!VALUE.test(value)) throw new TypeError(`Invalid cookie value for ${name}`);
  let cookie = `${name}=${value}`;
  if (attributes.maxAge !== undefined) cookie += `; Max-Age=${Math.max(0, Math.floor(attributes.maxAge))}`;
  if (attributes.expires) cookie += `; Expires=${attributes.expires.toUTCString()}`;
  if (attributes.domain) {
    if (!NAME.test(attributes.domain)) throw new TypeError("Invalid cookie domain");
    cookie += `; Domain=${attributes.domain}`;
  }
  cookie += `; Path=${attributes.path ?? "/"}`;
  if (attributes.httpOnly) cookie += "; HttpOnly";
  if (attributes.secure) cookie += "; Secure";
  if (attributes.sameSite) cookie += `; SameSite=${attributes.sameSite[0]?.toUpperCase()}${attributes.sameSite.slice(1)}`;
  return cookie;
}
