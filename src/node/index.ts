import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { Answer, HeaderReader, Incoming } from "../auth/exchange.js";
import { CORE_ERROR_CODES } from "../errors.js";
import { setPeerAddress } from "../security/client-ip.js";

/** Anything with a Web-standard handler, such as the `auth` that `kernia()` returns. */
export interface HasHandler {
  handler(request: Request): Promise<Response>;
  /** `kernia()`'s internals; only its `logger` is read here. */
  $context?: { logger: Pick<Console, "error"> };
  /** `kernia()`'s handler without a `Request` or `Response`: used for requests without a body. */
  $handle?: (incoming: Incoming) => Promise<Answer>;
}

/** Options of {@link toNodeHandler}. */
export interface NodeHandlerOptions {
  /** Where a request that fails in the adapter is reported. Default: the `logger` given to `kernia()`, else `console`. */
  logger?: Pick<Console, "error">;
}

/**
 * Adapts `auth.handler` to Node's `(req, res)` signature, for `node:http`, Express, Connect and
 * Fastify (on `reply.raw` after `reply.hijack()`). Mount it at the base path. It passes the socket's
 * peer address, so rate limits count per client and `advanced.trustedProxies` applies.
 *
 * The handler reads the raw body itself; when a body parser mounted before it (`express.json()`)
 * has already read the stream, the parsed `req.body` is sent on instead (issue 9: this once answered
 * 500 without a word). A request that fails here is answered 500 `INTERNAL_SERVER_ERROR` and logged
 * with its cause.
 *
 * The path comes from the request line only, never from the Host header, and a Host that is not
 * `host[:port]` is answered 400 `INVALID_HOST` without calling the handler (issue 14: a Host of
 * `h/api/auth/sign-in/email?` once routed `POST /api/auth/ok` to sign-in, past any proxy that
 * filters by path).
 *
 * Requests without a body (get-session, list-device-sessions: every page load) go to `kernia()`'s
 * handler without a `Request`, `Headers`, `URL` or `Response` being built, and the answer is
 * written in one piece (issue 12); what the handler sees and answers is the same either way.
 *
 * @example
 * import { createServer } from "node:http";
 * import { toNodeHandler } from "kernia/node";
 * createServer(toNodeHandler(auth)).listen(3000);
 *
 * // Express
 * app.all("/api/auth/*splat", toNodeHandler(auth));
 */
export function toNodeHandler(auth: HasHandler, options: NodeHandlerOptions = {}) {
  const logger = options.logger ?? auth.$context?.logger ?? console;
  const handle = auth.$handle;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const target = requestTarget(req);
      if (typeof target === "string") return refuse(res, target);
      if (handle && !hasBody(req.method ?? "GET")) return writeAnswer(res, await handle(new NodeIncoming(req, target)));
      const request = toRequest(req, target);
      if (typeof request === "string") return refuse(res, request);
      setPeerAddress(request, req.socket.remoteAddress);
      await sendResponse(res, await auth.handler(request));
    } catch (error) {
      logger.error(`kernia: ${req.method ?? "GET"} ${req.url ?? ""} failed in kernia/node:`, error);
      if (!res.headersSent) {
        res.writeHead(500, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ message: "Internal server error", code: "INTERNAL_SERVER_ERROR" }));
      } else res.destroy(error as Error);
    }
  };
}

const hasBody = (method: string) => method !== "GET" && method !== "HEAD";

type Refusal = "INVALID_HOST" | "INVALID_REQUEST_TARGET" | "METHOD_NOT_ALLOWED";

const REFUSAL_STATUS: Record<Refusal, number> = { INVALID_HOST: 400, INVALID_REQUEST_TARGET: 400, METHOD_NOT_ALLOWED: 405 };

function refuse(res: ServerResponse, code: Refusal): void {
  const body = JSON.stringify({ message: CORE_ERROR_CODES[code], code });
  res.writeHead(REFUSAL_STATUS[code], { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

/**
 * `host[:port]` (RFC 9110 §7.2, RFC 3986 §3.2.2): a reg-name or IPv4 address, or an IPv6 address in
 * brackets, then an optional numeric port. Everything that ends an authority or starts userinfo
 * (`/ ? # @`, spaces, `\`) is outside the allowed characters; so is `%`, which the URL parser would
 * decode into them.
 */
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-._~!$&'()*+,;=]+)(?::[0-9]{1,5})?$/;

/** Request-line targets in absolute form (RFC 9112 §3.2.2), as sent to proxies. */
const ABSOLUTE_FORM = /^https?:\/\//i;

/** Methods the Fetch standard forbids in a `Request`; `new Request` throws on them. */
const FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);

/** Where a request goes: the origin it names and the path and query, as the URL parser reads them. */
interface Target {
  origin: string;
  pathname: string;
  search: string;
}

/**
 * A request-line target that the URL parser would leave exactly as it is: no dot segments, no
 * `%`, `\\`, spaces or other characters it would encode or rewrite. Such targets (every request
 * Kernia's client sends) are split without building a `URL`.
 */
const PLAIN_TARGET = /^(\/[A-Za-z0-9\-_~!$&'()*+,;=:@/]*)(\?[\x21\x22\x24-\x7e]*)?$/;

/**
 * Host header → the origin it names, as the URL parser serialises it, or `null` when the host is
 * refused (the syntax check above, or the URL parser, which is stricter: a port over 65535,
 * `1.2.3.999`, `[:::]`). One map per scheme; hosts come from clients, so only a bounded few are kept.
 */
const origins = { http: new Map<string, string | null>(), https: new Map<string, string | null>() };
const ORIGINS_KEPT = 256;

function originOf(protocol: "http" | "https", host: string): string | null {
  const known = origins[protocol];
  let origin = known.get(host);
  if (origin !== undefined) return origin;
  origin = null;
  if (HOST.test(host)) {
    try {
      origin = new URL(`${protocol}://${host}`).origin;
    } catch {
      // refused by the URL parser
    }
  }
  if (known.size >= ORIGINS_KEPT) known.clear();
  known.set(host, origin);
  return origin;
}

/** Plain request targets (see PLAIN_TARGET) split into path and query, kept by their text. */
const plainTargets = new Map<string, { pathname: string; search: string } | null>();
const TARGETS_KEPT = 256;

function splitPlain(target: string): { pathname: string; search: string } | null {
  let split = plainTargets.get(target);
  if (split !== undefined) return split;
  const plain = PLAIN_TARGET.exec(target);
  split = plain ? { pathname: plain[1] as string, search: plain[2] && plain[2] !== "?" ? plain[2] : "" } : null;
  if (plainTargets.size >= TARGETS_KEPT) plainTargets.clear(); // targets come from clients too
  plainTargets.set(target, split);
  return split;
}

function requestTarget(req: IncomingMessage): Target | Refusal {
  const method = req.method ?? "GET";
  if (FORBIDDEN_METHODS.has(method.toUpperCase())) return "METHOD_NOT_ALLOWED";
  const protocol = (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
  // Express rewrites req.url under a mount point; originalUrl keeps the full target.
  const raw = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "/";
  let host: string;
  let target: string;
  if (raw.startsWith("/")) {
    // A missing or empty Host (HTTP/1.0, or an HTTP/1.1 request with no authority) gets a placeholder.
    host = req.headers.host || "localhost";
    target = raw;
  } else if (ABSOLUTE_FORM.test(raw)) {
    // The target's own authority replaces the Host header here (RFC 9112 §3.2.2), and only its
    // path and query route the request.
    let absolute: URL;
    try {
      absolute = new URL(raw);
    } catch {
      return "INVALID_REQUEST_TARGET";
    }
    host = absolute.host;
    target = `${absolute.pathname}${absolute.search}`;
  } else return "INVALID_REQUEST_TARGET"; // `*` (OPTIONS *) and any other scheme

  const origin = originOf(protocol, host);
  if (origin === null) return "INVALID_HOST";
  const plain = splitPlain(target);
  if (plain) return { origin, pathname: plain.pathname, search: plain.search };
  const url = new URL(`${protocol}://${host}${target}`);
  return { origin, pathname: url.pathname, search: url.search };
}

/**
 * A request without a body, as the handler reads it; it is its own `header` reader (Node's parsed
 * headers, read one at a time as `Headers.get` would answer), so a request costs one object here.
 */
class NodeIncoming implements Incoming, HeaderReader {
  readonly method: string;
  readonly pathname: string;
  readonly search: string;
  readonly peer: string | null;
  private readonly target: Target;
  private readonly req: IncomingMessage;
  constructor(req: IncomingMessage, target: Target) {
    this.req = req;
    this.target = target;
    this.method = req.method ?? "GET";
    this.pathname = target.pathname;
    this.search = target.search;
    this.peer = req.socket.remoteAddress ?? null;
  }
  get header(): HeaderReader {
    return this;
  }
  get(name: string): string | null {
    const value = this.req.headers[name];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(", ") : value;
  }
  origin(): string {
    return this.target.origin;
  }
  headers(): Headers {
    return toHeaders(this.req.headers);
  }
  body(): Promise<string> {
    return Promise.resolve("");
  }
}

function toHeaders(source: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined || name.startsWith(":")) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return headers;
}

function writeAnswer(res: ServerResponse, answer: Answer): void {
  // Not `{ ...answer.headers, "Content-Length": … }`: V8 (Node 20) gives each object made that way
  // in optimised code a map of its own, which cost about 8 µs per request and kept garbage alive
  // into the old generation (bench/ANALYSIS.md). A copy by Object.assign shares one map.
  const headers: OutgoingHttpHeaders = Object.assign({}, answer.headers);
  headers["Content-Length"] = Buffer.byteLength(answer.body);
  if (answer.cookies.length) headers["Set-Cookie"] = answer.cookies;
  res.writeHead(answer.status, headers);
  // A string body goes out in the same write as the head.
  res.end(answer.body);
}

function toRequest(req: IncomingMessage, target: Target): Request | Refusal {
  const method = req.method ?? "GET";
  const url = `${target.origin}${target.pathname}${target.search}`;
  const headers = toHeaders(req.headers);
  const hasBody = method !== "GET" && method !== "HEAD";
  try {
    return new Request(url, {
      method,
      headers,
      ...(hasBody ? bodyOf(req, headers) : {}),
    } as RequestInit);
  } catch (error) {
    // The method and target are settled above, so what the URL parser still refuses is the host:
    // it is stricter than the syntax check (a port over 65535, `1.2.3.999`, `[:::]`).
    if (error instanceof TypeError) return "INVALID_HOST";
    throw error;
  }
}

/**
 * The request's body: the stream itself, or, when a body parser mounted earlier (`express.json()`,
 * `express.text()`, `express.raw()`) has read it to the end, what that parser left in `req.body`.
 * The parser also undid any Content-Encoding and changed the length, so those headers go.
 */
function bodyOf(req: IncomingMessage & { body?: unknown }, headers: Headers): RequestInit & { duplex?: "half" } {
  if (!req.readableEnded || req.body === undefined) {
    return { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" };
  }
  headers.delete("content-length");
  headers.delete("content-encoding");
  const parsed = req.body;
  if (typeof parsed === "string") return { body: parsed };
  if (parsed instanceof Uint8Array) return { body: new Uint8Array(parsed) };
  headers.set("content-type", "application/json");
  return { body: JSON.stringify(parsed) };
}

async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  // A 413 leaves the rest of the body unread on the socket: the connection cannot carry another
  // request, so say so rather than let the client's next request on it be reset.
  if (response.status === 413) headers.connection = "close";
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}
