import { KerniaError } from "../errors.js";
import type { OriginMatcher } from "./trusted-origins.js";

/**
 * CSRF defence for state-changing requests (Better Auth's rules). A request that names an origin
 * (the `Origin` header, else `Referer`) must name a trusted one. A request naming none is allowed
 * only when it carries no cookies and no browser fetch metadata, as server code and curl send;
 * a browser always sends `Sec-Fetch-Site`, so a cross-site form post cannot pass by hiding Origin.
 */
export function checkOrigin(headers: Headers, hasCookies: boolean, trusted: OriginMatcher): void {
  const origin = headers.get("origin");
  if (origin === "null") throw new KerniaError(403, "MISSING_OR_NULL_ORIGIN");
  const named = origin ?? refererOrigin(headers.get("referer"));
  if (named !== undefined) {
    if (!trusted.has(named)) throw new KerniaError(403, "INVALID_ORIGIN");
    return;
  }
  if (hasCookies) throw new KerniaError(403, "MISSING_OR_NULL_ORIGIN");
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") throw new KerniaError(403, "INVALID_ORIGIN");
}

function refererOrigin(referer: string | null): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return "invalid";
  }
}
