/**
 * A cookie jar in front of `auth.handler`: what a browser would keep between requests, so a
 * test reads like a user's visit. Cookies with `Max-Age=0` are removed, others replaced.
 */
export interface TestResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
  setCookies: string[];
}

export interface TestBrowser {
  readonly jar: Map<string, string>;
  get<T = unknown>(path: string, init?: { headers?: Record<string, string> }): Promise<TestResponse<T>>;
  post<T = unknown>(path: string, body?: unknown, init?: { headers?: Record<string, string>; raw?: string }): Promise<TestResponse<T>>;
  cookieHeader(): string;
}

export function createBrowser(
  handler: (request: Request) => Promise<Response>,
  options: { origin?: string; basePath?: string } = {},
): TestBrowser {
  const origin = options.origin ?? "http://localhost:3000";
  const base = `${origin}${options.basePath ?? "/api/auth"}`;
  const jar = new Map<string, string>();

  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

  async function send<T>(method: string, path: string, init: { headers?: Record<string, string>; body?: string }) {
    const headers = new Headers(init.headers);
    if (jar.size && !headers.has("cookie")) headers.set("cookie", cookieHeader());
    if (method === "POST" && !headers.has("origin")) headers.set("origin", origin);
    if (init.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
    const response = await handler(new Request(`${base}${path}`, { method, headers, body: init.body }));
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/;\s*Max-Age=0(;|$)/i.test(line) || value === "") jar.delete(name);
      else jar.set(name, value);
    }
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers, setCookies };
  }

  return {
    jar,
    cookieHeader,
    get: (path, init = {}) => send("GET", path, init),
    post: (path, body, init = {}) =>
      send("POST", path, { ...(init.headers ? { headers: init.headers } : {}), body: init.raw ?? (body === undefined ? undefined : JSON.stringify(body)) }),
  };
}
