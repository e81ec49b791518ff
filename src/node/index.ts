import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { setPeerAddress } from "../security/client-ip.js";

/** Anything with a Web-standard handler, such as the `auth` that `kernia()` returns. */
export interface HasHandler {
  handler(request: Request): Promise<Response>;
}

/**
 * Adapts `auth.handler` to Node's `(req, res)` signature, for `node:http`, Express and Connect.
 * Mount it at the base path; with Express, mount it before `express.json()`, since the handler
 * reads the raw body itself.
 *
 * @example
 * import { createServer } from "node:http";
 * import { toNodeHandler } from "kernia/node";
 * createServer(toNodeHandler(auth)).listen(3000);
 *
 * // Express
 * app.all("/api/auth/*splat", toNodeHandler(auth));
 */
export function toNodeHandler(auth: HasHandler) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const request = toRequest(req);
      setPeerAddress(request, req.socket.remoteAddress);
      await sendResponse(res, await auth.handler(request));
    } catch (error) {
      if (!res.headersSent) {
        res.writeHead(500, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ message: "Internal server error", code: "INTERNAL_SERVER_ERROR" }));
      } else res.destroy(error as Error);
    }
  };
}

function toRequest(req: IncomingMessage): Request {
  const host = req.headers.host ?? "localhost";
  const protocol = (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
  // Express rewrites req.url under a mount point; originalUrl keeps the full path.
  const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "/";
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(":")) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(`${protocol}://${host}${path}`, {
    method: req.method ?? "GET",
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
}

async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}
