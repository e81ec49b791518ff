import type { HeaderReader } from "../auth/exchange.js";
import { KerniaError } from "../errors.js";
import type { OriginMatcher } from "./trusted-origins.js";

/**
 * CSRF defence for state-changing requests (Better Auth's rules). A request that names an origin
 * (the `Origin` header, else `Referer`) must name a trusted one. A request naming none is allowed
 * only when it carries no cookies and no browser fetch metadata, as server code and curl send;
 * a browser always sends `Sec-Fetch-Site`, so a cross-site form post cannot pass by hiding Origin.
 *
 * `Origin: null` (a sandboxed frame, a `data:` or `file:` page, a redirect chain) is refused
 * whatever `trustedOrigins` holds. A `Referer` is matched as a whole URL, by its scheme and host
 * for app schemes, never through its origin: WHATWG URL serialises the origin of `foo://x`,
 * `data:` and `javascript:` URLs alike as "null", which must not equal a trusted `myapp://`.
 *
 * @example
 * checkOrigin(request.headers, cookies.size > 0, auth.trustedOrigins); // throws KerniaError 403
 */
export function checkOrigin(headers: HeaderReader, hasCookies: boolean, trusted: OriginMatcher): void {
  const origin = headers.get("origin");
  if (origin === "null") throw new KerniaError(403, "MISSING_OR_NULL_ORIGIN");
  if (origin !== null) {
    if (!trusted.has(origin)) throw new KerniaError(403, "INVALID_ORIGIN");
    return;
  }
  const referer = headers.get("referer");
  if (referer) {
    if (!refererTrusted(referer, trusted)) throw new KerniaError(403, "INVALID_ORIGIN");
    return;
  }
  if (hasCookies) throw new KerniaError(403, "MISSING_OR_NULL_ORIGIN");
  const site = headers.get("sec-fetch-site");
  // A browser request from another site that names no origin: refused as missing one (Better Auth's code).
  if (site !== null && site !== "same-origin" && site !== "none") throw new KerniaError(403, "MISSING_OR_NULL_ORIGIN");
}

function refererTrusted(referer: string, trusted: OriginMatcher): boolean {
  try {
    return trusted.allowsURL(new URL(referer));
  } catch {
    return false;
  }
}
