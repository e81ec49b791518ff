import { KerniaError } from "../errors.js";
import type { OriginMatcher } from "./trusted-origins.js";

/** Refuses a callback URL that would redirect off the app (an open redirect). */
export function assertCallbackURL(value: string, base: URL, trusted: OriginMatcher): void {
  // A path on this app; "//host" and "/\host" are protocol-relative URLs to another host.
  if (value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")) return;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    throw new KerniaError(403, "INVALID_CALLBACK_URL", "Invalid callbackURL");
  }
  if (!trusted.has(url.origin)) throw new KerniaError(403, "INVALID_CALLBACK_URL", "Invalid callbackURL");
}
