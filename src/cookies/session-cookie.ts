import { KerniaConfigError } from "../errors.js";
import type { KerniaOptions } from "../options.js";
import type { CookieAttributes } from "./serialize.js";

/** Cookie names and attributes, fixed at startup. */
export interface CookieConfig {
  secure: boolean;
  /** `<prefix>.<name>`, with `__Secure-` (or, opted in, `__Host-`) in front when Secure. */
  name(short: string): string;
  sessionToken: string;
  dontRemember: string;
  sessionData: string;
  attributes: CookieAttributes;
}

/**
 * Better Auth's cookie layout: `<prefix>.session_token` (prefix `better-auth`), `HttpOnly`,
 * `SameSite=Lax`, `Path=/`, and `Secure` plus the `__Secure-` name prefix when served over https.
 * With `advanced.useHostPrefix` the name prefix is `__Host-`, which browsers honour only for a
 * cookie that is Secure, has `Path=/` and no `Domain` (RFC 6265bis §4.1.3.2); every name,
 * plugins' included, comes from `name()`, so all of them carry it.
 *
 * Without a configured base URL (it is then inferred per request), cookies are Secure when
 * `NODE_ENV=production`, as Better Auth decides, so names stay the same on every request and match
 * the cookies an app migrating from Better Auth already holds.
 *
 * @throws KerniaConfigError when `useHostPrefix` is asked for without Secure cookies.
 */
export function cookieConfig(options: KerniaOptions, baseURL: URL | undefined): CookieConfig {
  const advanced = options.advanced ?? {};
  const hostPrefix = advanced.useHostPrefix === true;
  const secure = advanced.useSecureCookies ?? (baseURL ? baseURL.protocol === "https:" : process.env.NODE_ENV === "production");
  if (hostPrefix && !secure) {
    throw new KerniaConfigError(
      "advanced.useHostPrefix",
      advanced.useSecureCookies === false
        ? "needs Secure cookies, but advanced.useSecureCookies is false"
        : "needs an https baseURL (or advanced.useSecureCookies: true behind a TLS-terminating proxy)",
    );
  }
  const prefix = advanced.cookiePrefix ?? "better-auth";
  const namePrefix = hostPrefix ? "__Host-" : secure ? "__Secure-" : "";
  const name = (short: string) => `${namePrefix}${prefix}.${short}`;
  return {
    secure,
    name,
    sessionToken: name("session_token"),
    dontRemember: name("dont_remember"),
    sessionData: name("session_data"),
    // No `domain` here, ever: a __Host- cookie with one is dropped by the browser.
    attributes: { httpOnly: true, sameSite: "lax", path: "/", secure },
  };
}
