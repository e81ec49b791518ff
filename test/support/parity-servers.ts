import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { betterAuth, type BetterAuthOptions } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { toNodeHandler as betterAuthNodeHandler } from "better-auth/node";
import { multiSession as betterAuthMultiSession } from "better-auth/plugins";
import { kernia, type Auth, type KerniaOptions } from "../../src/index.js";
import { toNodeHandler } from "../../src/node/index.js";
import { multiSession } from "../../src/plugins/index.js";
import { betterAuthDatabase } from "./better-auth-database.js";
import type { DialectUnderTest } from "./dialects.js";

/**
 * Better Auth 1.7 and Kernia, each behind a real `node:http` server on 127.0.0.1 with a free port,
 * configured the same way: email and password, the multi-session plugin, no rate limit (every
 * request of a suite comes from one address). The base URL is the server's own address, so each
 * side's Origin checks see what a browser on the app would send.
 */
export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

export interface ServerConfig {
  dialect: DialectUnderTest;
  url: string;
  secret: string;
  /** The multi-session cap; Better Auth calls it `maximumSessions`. Default 5. */
  maximum?: number;
}

async function listen(): Promise<{ server: Server; origin: string }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const stop = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/** The options Better Auth is given, as its docs show them; shared by its migrations and its server. */
function betterAuthOptions(config: ServerConfig, database: unknown, baseURL: string) {
  return {
    database: database as BetterAuthOptions["database"],
    secret: config.secret,
    baseURL,
    emailAndPassword: { enabled: true },
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: { disabled: true },
    // Better Auth turns its Origin check off when NODE_ENV is "test"; on, as in production.
    advanced: { disableOriginCheck: false },
    plugins: [betterAuthMultiSession({ maximumSessions: config.maximum ?? 5 })],
  } satisfies BetterAuthOptions;
}

/** Runs Better Auth's own migrations (its schema planner) on the database, as `npx @better-auth/cli migrate` would. */
export async function migrateWithBetterAuth(config: ServerConfig): Promise<void> {
  const { database, close } = betterAuthDatabase(config.dialect, config.url);
  try {
    const { runMigrations } = await getMigrations(betterAuthOptions(config, database, "http://127.0.0.1"));
    await runMigrations();
  } finally {
    await close();
  }
}

/**
 * Better Auth with its multi-session plugin on a real HTTP server. Run its migrations first.
 * `baseURL` defaults to the server's own address (give an https one to get Secure cookies).
 */
export async function startBetterAuth(
  config: ServerConfig,
  options: { baseURL?: string } = {},
): Promise<RunningServer & { auth: ReturnType<typeof betterAuth> }> {
  const { server, origin } = await listen();
  const { database, close } = betterAuthDatabase(config.dialect, config.url);
  const auth = betterAuth(betterAuthOptions(config, database, options.baseURL ?? origin));
  server.on("request", betterAuthNodeHandler(auth));
  return {
    origin,
    auth: auth as unknown as ReturnType<typeof betterAuth>,
    async close() {
      await stop(server);
      await close();
    },
  };
}

/** Kernia with its multi-session plugin on a real HTTP server. `auth.migrate()` is left to the caller. */
export async function startKernia(
  config: ServerConfig,
  options: Partial<KerniaOptions> = {},
): Promise<RunningServer & { auth: Auth }> {
  const { server, origin } = await listen();
  const auth = kernia({
    secret: config.secret,
    baseURL: origin,
    rateLimit: { enabled: false },
    ...options,
    database: config.url,
    plugins: [multiSession({ maximum: config.maximum ?? 5 })],
  });
  server.on("request", toNodeHandler(auth));
  return {
    origin,
    auth,
    async close() {
      await stop(server);
      await auth.close();
    },
  };
}

/** One answer as a browser sees it. */
export interface HttpAnswer<T = unknown> {
  status: number;
  headers: Headers;
  setCookies: string[];
  text: string;
  body: T;
}

export interface RequestInit {
  body?: unknown;
  /** Sent as is instead of `JSON.stringify(body)`. */
  raw?: string;
  /** Replace or add headers; a header set to `null` is left out (an Origin the browser would add, say). */
  headers?: Record<string, string | null>;
  /** Send these cookies instead of the jar's; the jar still takes what comes back. */
  cookie?: string;
}

/**
 * A browser in front of one server: a cookie jar that keeps what `Set-Cookie` gives it (a cookie
 * with `Max-Age=0` or an empty value is removed), and a POST that carries the page's Origin (the
 * server's own, unless `pageOrigin` says the app is served from elsewhere, e.g. behind TLS).
 */
export function createHttpBrowser(origin: string, options: { basePath?: string; pageOrigin?: string } = {}) {
  const basePath = options.basePath ?? "/api/auth";
  const pageOrigin = options.pageOrigin ?? origin;
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

  async function send<T>(method: string, path: string, init: RequestInit = {}): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = {};
    const cookie = init.cookie ?? cookieHeader();
    if (cookie) headers.cookie = cookie;
    if (method !== "GET") headers.origin = pageOrigin;
    const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
    if (body !== undefined) headers["content-type"] = "application/json";
    for (const [name, value] of Object.entries(init.headers ?? {})) {
      if (value === null) delete headers[name];
      else headers[name] = value;
    }
    let response: Response;
    try {
      response = await fetch(`${origin}${basePath}${path}`, { method, headers, body, redirect: "manual" });
    } catch (error) {
      // The server hung up before answering (a body it would not read, say): status 0, as a browser's fetch sees it.
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? String(error);
      return { status: 0, headers: new Headers(), setCookies: [], text: "", body: { connectionError: cause } as T };
    }
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const pair = line.split(";")[0] ?? "";
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/;\s*max-age=0\s*(;|$)/i.test(line) || value === "") jar.delete(name);
      else jar.set(name, value);
    }
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, setCookies, text, body: parsed as T };
  }

  return {
    origin,
    jar,
    cookieHeader,
    get: <T = unknown>(path: string, init?: RequestInit) => send<T>("GET", path, init),
    post: <T = unknown>(path: string, body?: unknown, init: RequestInit = {}) => send<T>("POST", path, { body, ...init }),
    send,
  };
}

export type HttpBrowser = ReturnType<typeof createHttpBrowser>;

/**
 * A JSON POST as curl or server code sends it: `node:http`, so no `Origin`, no cookie and none of the
 * `Sec-Fetch-*` headers that Node's `fetch` adds.
 */
export function plainPost(origin: string, path: string, body: unknown, basePath = "/api/auth"): Promise<HttpAnswer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${origin}${basePath}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
    });
    req.on("error", reject);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (name === "set-cookie" || value === undefined) continue;
          headers.set(name, Array.isArray(value) ? value.join(", ") : value);
        }
        let parsed: unknown = undefined;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers, setCookies: res.headers["set-cookie"] ?? [], text, body: parsed });
      });
    });
    req.end(payload);
  });
}
