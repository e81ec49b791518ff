import { KerniaError } from "../errors.js";
import type { OriginMatcher } from "./trusted-origins.js";

/**
 * Whether `value` holds a character that a browser drops or rewrites when it parses a URL, so that
 * what the server checked is not what the browser follows: a C0 control (tab, CR and LF included,
 * which the WHATWG URL parser strips anywhere: "/\t/evil.test" becomes "//evil.test"), DEL, a C1
 * control (U+0080–U+009F), a backslash (read as "/" in http and https URLs), or a space at either
 * end (trimmed by the parser, so " //evil.test" is protocol-relative). Refuse such a value before
 * any other check of a URL that a browser will load: a callback URL, a user's image URL.
 *
 * @example
 * hasUnsafeUrlCharacters("/\t/evil.test"); // true
 * hasUnsafeUrlCharacters("/dashboard?tab=1"); // false
 */
export function hasUnsafeUrlCharacters(value: string): boolean {
  if (value.startsWith(" ") || value.endsWith(" ")) return true;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f) || code === 0x5c) return true;
  }
  return false;
}

/** A scheme as the WHATWG URL parser reads one: a letter, then letters, digits, "+", "-" or ".", then ":". */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Refuses, with 403 `INVALID_CALLBACK_URL`, a callback URL that would send the browser off the app
 * (an open redirect) or run script in it. Allowed are:
 *
 * - a reference without a scheme that stays on the page's origin: "/dashboard", "?tab=1",
 *   "/%2F%2Fevil.test" (a path; percent-encoded slashes are not separators). Not "//host", which is
 *   protocol-relative (RFC 3986 §4.2);
 * - an absolute http or https URL whose origin is trusted, without userinfo (so
 *   "https://localhost:3000@evil.test" cannot pass for the app at a glance);
 * - a URL of a trusted app scheme (`trustedOrigins: ["myapp://"]`). `javascript:`, `data:` and the
 *   like never are (see `originMatcher`).
 *
 * Characters that browsers drop or rewrite are refused first ({@link hasUnsafeUrlCharacters}). An
 * absolute URL is parsed on its own, not against `base`: the browser resolves it against the page it
 * is on, so "http:evil.test" must be read as http://evil.test/ whatever the base's scheme.
 *
 * @example
 * assertCallbackURL("/dashboard", auth.baseURL, auth.trustedOrigins); // returns
 * assertCallbackURL("/\t/evil.test", auth.baseURL, auth.trustedOrigins); // throws INVALID_CALLBACK_URL
 */
export function assertCallbackURL(value: string, base: URL, trusted: OriginMatcher): void {
  if (!isAllowedCallbackURL(value, base, trusted)) throw new KerniaError(403, "INVALID_CALLBACK_URL", "Invalid callbackURL");
}

function isAllowedCallbackURL(value: string, base: URL, trusted: OriginMatcher): boolean {
  if (hasUnsafeUrlCharacters(value)) return false;
  if (!SCHEME.test(value)) {
    if (value.startsWith("//")) return false;
    // Belt and braces: whatever the string looks like, it must resolve to the base's origin.
    return parse(value, base)?.origin === base.origin;
  }
  const url = parse(value);
  if (!url || url.username !== "" || url.password !== "") return false;
  return trusted.allowsURL(url);
}

function parse(value: string, base?: URL): URL | undefined {
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}
