import type { KerniaOptions } from "../options.js";
import type { CookieAttributes } from "./serialize.js";

/** Cookie names and attributes, fixed at startup. */
export interface CookieConfig {
  secure: boolean;
  /** `<prefix>.<name>`, with `__Secure-` in front on https. */
  name(short: string): string;
  sessionToken: string;
  dontRemember: string;
  sessionData: string;
  attributes: CookieAttributes;
}

/**
 * Better Auth's cookie layout: `<prefix>.session_token` (prefix `better-auth`), `HttpOnly`,
 * `SameSite=Lax`, `Path=/`, and `Secure` plus the `__Secure-` name prefix when served over https.
 */
export function cookieConfig(options: KerniaOptions, baseURL: URL): CookieConfig {
  const secure = options.advanced?.useSecureCookies ?? baseURL.protocol === "https:";
  const prefix = options.advanced?.cookiePrefix ?? "better-auth";
  const name = (short: string) => `${secure ? "__Secure-" : ""}${prefix}.${short}`;
  return {
    secure,
    name,
    sessionToken: name("session_token"),
    dontRemember: name("dont_remember"),
    sessionData: name("session_data"),
    attributes: { httpOnly: true, sameSite: "lax", path: "/", secure },
  };
}
