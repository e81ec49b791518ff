import { KerniaConfigError } from "../errors.js";

/** Answers whether an origin (`scheme://host[:port]`) may make state-changing requests. */
export interface OriginMatcher {
  has(origin: string): boolean;
}

const LABELS = "(?:[a-z0-9-]+\\.)+";

/**
 * Exact origins, plus Better Auth's wildcard form: `*.example.com` (any subdomain, http or https)
 * or `https://*.example.com`. A `*` stands for one or more whole host labels, never for a scheme,
 * a port or a path, so `*.example.com` cannot match `evil.com/?.example.com`.
 */
export function originMatcher(base: string, entries: readonly string[]): OriginMatcher {
  const exact = new Set<string>([base]);
  const patterns: RegExp[] = [];
  for (const entry of entries) {
    if (!entry.includes("*")) {
      exact.add(parseOrigin(entry));
      continue;
    }
    const match = /^(?:(https?):\/\/)?\*\.([a-z0-9.-]+)(?::(\d+))?$/i.exec(entry.trim());
    if (!match) {
      throw new KerniaConfigError("trustedOrigins", `has an unsupported pattern ${JSON.stringify(entry)}: use "*.example.com" or "https://*.example.com"`);
    }
    const [, scheme, domain = "", port] = match;
    const escaped = domain.toLowerCase().replace(/[.]/g, "\\.");
    patterns.push(new RegExp(`^${scheme ? scheme.toLowerCase() : "https?"}://${LABELS}${escaped}${port ? `:${port}` : ""}$`));
  }
  return { has: (origin) => exact.has(origin) || patterns.some((pattern) => pattern.test(origin)) };
}

function parseOrigin(value: string): string {
  try {
    return new URL(value).origin;
  } catch (cause) {
    throw new KerniaConfigError("trustedOrigins", `has an invalid URL: ${JSON.stringify(value)}`, { cause });
  }
}
