import type { ZodType } from "zod";
import type { RequestContext } from "./request-context.js";

/**
 * One endpoint: its method and path under the base path, an allowlist schema for the body, and
 * a handler returning the JSON result. Throw `KerniaError` for failures.
 */
export interface Endpoint<Body, Result> {
  method: "GET" | "POST";
  path: string;
  body?: ZodType<Body>;
  /** Headers added to every successful response, e.g. `Cache-Control`. */
  headers?: Record<string, string>;
  /** The 405 for another method, when it is not the plain `METHOD_NOT_ALLOWED` (Better Auth's codes). */
  wrongMethod?: { code: string; message: string };
  handler(ctx: RequestContext<Body>): Promise<Result>;
}

/** Declares an endpoint with its types inferred. */
export function defineEndpoint<Body = undefined, Result = unknown>(endpoint: Endpoint<Body, Result>): Endpoint<Body, Result> {
  return endpoint;
}
