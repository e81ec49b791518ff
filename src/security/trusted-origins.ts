import { KerniaConfigError } from "../errors.js";
import { hasUnsafeUrlCharacters } from "./callback-url.js";

/**
 * Answers whether a request's origin, or a URL the app would send a browser to, is trusted: the
 * base URL's origin plus the `trustedOrigins` option.
 */
export interface OriginMatcher {
  /** Whether an `Origin` header value (`scheme://host[:port]`, or an app scheme such as `myapp://`) is trusted. */
  has(origin: string): boolean;
  /** Whether a full URL (a callback URL, a `Referer`) points at a trusted origin or app scheme. */
  allowsURL(url: URL): boolean;
}

/**
 * Schemes that run code in, or read from, whatever page follows them, or that name no site at all.
 * They are never trusted: an entry with one of them fails at startup, and a URL with one never
 * matches. WHATWG URL gives them the opaque origin "null", the same as any custom scheme, which is
 * why custom schemes are matched by scheme and host below and never by origin.
 */
const FORBIDDEN_SCHEMES = new Set(["javascript:", "vbscript:", "data:", "blob:", "file:", "filesystem:"]);

const WEB_SCHEMES = new Set(["http:", "https:"]);

const LABELS = "(?:[a-z0-9-]+\\.)+";

/** A custom-scheme entry: `myapp://` (any URL of that scheme) or `myapp://callback` (that host only). */
interface SchemeEntry {
  protocol: string;
  host: string | undefined;
}

/**
 * Builds the matcher from the base URL's origin and the `trustedOrigins` entries.
 *
 * - `https://app.example.com` (a path is ignored): that exact origin.
 * - `*.example.com` (http or https) or `https://*.example.com`: Better Auth's wildcards. A `*` stands
 *   for one or more whole host labels, never for a scheme, a port or a path, so `*.example.com`
 *   cannot match `evil.com/?.example.com`.
 * - `myapp://` (Better Auth's form for mobile apps): any URL of scheme `myapp`; `myapp://callback`:
 *   only host `callback` of that scheme. These are compared by scheme and host because WHATWG URL
 *   gives every non-http URL the opaque origin "null", which would otherwise equal a `javascript:` URL's.
 *
 * The opaque origin "null" never matches. An entry with a `javascript:`, `vbscript:`, `data:`, `blob:`,
 * `file:` or `filesystem:` scheme is refused with a {@link KerniaConfigError}, as is an unsupported
 * wildcard or an invalid URL, so a mistake shows at startup rather than as an open door.
 *
 * @example
 * const trusted = originMatcher("https://app.example.com", ["*.example.com", "myapp://"]);
 * trusted.has("https://admin.example.com"); // true
 * trusted.allowsURL(new URL("myapp://callback/done")); // true
 * trusted.allowsURL(new URL("javascript:alert(1)")); // false
 */
export function originMatcher(base: string, entries: readonly string[]): OriginMatcher {
  const exact = new Set<string>();
  if (base !== "null") exact.add(base);
  const patterns: RegExp[] = [];
  const schemes: SchemeEntry[] = [];
  for (const entry of entries) {
    if (entry.includes("*")) {
      patterns.push(wildcardPattern(entry));
      continue;
    }
    const url = parseEntry(entry);
    if (FORBIDDEN_SCHEMES.has(url.protocol)) {
      throw new KerniaConfigError("trustedOrigins", `has ${JSON.stringify(entry)}: the ${url.protocol} scheme can never be trusted`);
    }
    if (WEB_SCHEMES.has(url.protocol)) exact.add(url.origin);
    else schemes.push({ protocol: url.protocol, host: url.host === "" ? undefined : url.host.toLowerCase() });
  }

  const schemeAllows = (url: URL) =>
    schemes.some((entry) => entry.protocol === url.protocol && (entry.host === undefined || entry.host === url.host.toLowerCase()));
  const webOriginTrusted = (origin: string) => exact.has(origin) || patterns.some((pattern) => pattern.test(origin));

  const allowsURL = (url: URL): boolean => {
    if (FORBIDDEN_SCHEMES.has(url.protocol)) return false;
    if (WEB_SCHEMES.has(url.protocol)) return webOriginTrusted(url.origin);
    return schemeAllows(url);
  };

  return {
    has(origin) {
      if (origin === "null") return false;
      // Web origins are compared as the browser serialises them: "HTTP://HOST/" is not an origin.
      if (webOriginTrusted(origin)) return true;
      if (hasUnsafeUrlCharacters(origin)) return false;
      const url = parseOrUndefined(origin);
      return url !== undefined && !WEB_SCHEMES.has(url.protocol) && allowsURL(url);
    },
    allowsURL,
  };
}

function wildcardPattern(entry: string): RegExp {
  const match = /^(?:(https?):\/\/)?\*\.([a-z0-9.-]+)(?::(\d+))?$/i.exec(entry.trim());
  if (!match) {
    throw new KerniaConfigError("trustedOrigins", `has an unsupported pattern ${JSON.stringify(entry)}: use "*.example.com" or "https://*.example.com"`);
  }
  const [, scheme, domain = "", port] = match;
  const escaped = domain.toLowerCase().replace(/[.]/g, "\\.");
  return new RegExp(`^${scheme ? scheme.toLowerCase() : "https?"}://${LABELS}${escaped}${port ? `:${port}` : ""}$`);
}

function parseEntry(value: string): URL {
  try {
    return new URL(value);
  } catch (cause) {
    throw new KerniaConfigError("trustedOrigins", `has an invalid URL: ${JSON.stringify(value)}`, { cause });
  }
}

function parseOrUndefined(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
