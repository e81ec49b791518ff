import { readBody } from "../security/body.js";

/** Reads one request header by its lower-case name; `null` when absent. */
export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * What the handler needs of a request, whichever host delivered it: a Fetch `Request`
 * (`auth.handler`) or Node's `IncomingMessage` (`kernia/node`, which then builds no `Request`,
 * `Headers` or `URL` for the common requests). The parts that cost the most (all headers as a
 * `Headers`, the query, the body) are read only when asked for.
 */
export interface Incoming {
  method: string;
  /** The request's path, as the URL parser leaves it (dot segments resolved, nothing decoded). */
  pathname: string;
  /** `?` and the query, or `""`. */
  search: string;
  /** `scheme://host[:port]` as the URL parser serialises it. */
  origin(): string;
  /** One header, cheaply. */
  header: HeaderReader;
  /** Every header, for endpoints and plugins that read `ctx.headers`. */
  headers(): Headers;
  /** The body as text, refused with 413 past the size limit. */
  body(): Promise<string>;
  /** The peer's address as the host knows it, before `trustedProxies` apply. */
  peer: string | null;
}

/** The handler's answer, before it becomes a `Response` or a write on Node's socket. */
export interface Answer {
  status: number;
  /** Header names as sent, `Set-Cookie` excluded. */
  headers: Record<string, string>;
  /** One `Set-Cookie` line each. */
  cookies: string[];
  body: string;
}

/** A Fetch `Request` as an {@link Incoming}. */
export function incomingFromRequest(request: Request, peer: string | null): Incoming {
  const url = new URL(request.url);
  const { headers } = request;
  return {
    method: request.method,
    pathname: url.pathname,
    search: url.search,
    origin: () => url.origin,
    header: headers,
    headers: () => headers,
    body: () => readBody(request),
    peer,
  };
}

/** An {@link Answer} as a Fetch `Response`. */
export function answerToResponse(answer: Answer): Response {
  const headers = new Headers(answer.headers);
  for (const cookie of answer.cookies) headers.append("Set-Cookie", cookie);
  return new Response(answer.body, { status: answer.status, headers });
}
