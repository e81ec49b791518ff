import type { FetchLike } from "../fetcher.js";

/**
 * A stand-in for a browser in front of an in-process `auth.handler`: a cookie jar that follows
 * `Set-Cookie` (including deletions) and sends `Cookie`, plus the `Origin` header a browser puts
 * on POSTs. Several clients sharing one `TestBrowser` are tabs of one browser.
 *
 * @example
 * ```ts
 * const browser = createTestBrowser(auth.handler);
 * const client = createAuthClient({ baseURL: "http://localhost:3000/api/auth", fetchOptions: { fetch: browser.fetch } });
 * ```
 */
export interface TestBrowser {
  fetch: FetchLike;
  /** The cookies the jar holds now, by name. */
  cookies: Map<string, string>;
  /** Every request sent, in order, for assertions on what the client did. */
  requests: Request[];
}

function applySetCookie(jar: Map<string, string>, header: string, now: number): void {
  const [pair = "", ...attributes] = header.split(";");
  const eq = pair.indexOf("=");
  if (eq < 1) return;
  const name = pair.slice(0, eq).trim();
  const value = pair.slice(eq + 1).trim();
  let expired = false;
  for (const attribute of attributes) {
    const [key = "", raw = ""] = attribute.split("=", 2).map((part) => part.trim());
    if (key.toLowerCase() === "max-age" && Number(raw) <= 0) expired = true;
    if (key.toLowerCase() === "expires" && Date.parse(raw) <= now) expired = true;
  }
  if (expired) jar.delete(name);
  else jar.set(name, value);
}

/**
 * Creates a {@link TestBrowser} for `handler`.
 *
 * @example
 * ```ts
 * const browser = createTestBrowser((request) => auth.handler(request));
 * await browser.fetch("http://localhost:3000/api/auth/get-session", { method: "GET" });
 * ```
 */
export function createTestBrowser(
  handler: (request: Request) => Promise<Response>,
  options: { origin?: string } = {},
): TestBrowser {
  const origin = options.origin ?? "http://localhost:3000";
  const cookies = new Map<string, string>();
  const requests: Request[] = [];

  const fetch: FetchLike = async (input, init) => {
    const headers = new Headers(init.headers);
    if (cookies.size > 0) {
      headers.set("cookie", [...cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    }
    if ((init.method ?? "GET") !== "GET") headers.set("origin", origin);
    const request = new Request(input, { ...init, headers });
    requests.push(request.clone());
    const response = await handler(request);
    for (const header of response.headers.getSetCookie()) applySetCookie(cookies, header, Date.now());
    return response;
  };

  return { fetch, cookies, requests };
}
