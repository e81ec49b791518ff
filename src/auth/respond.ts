import { isUnavailableError } from "../db/errors.js";
import { KerniaError } from "../errors.js";
import type { AuthContext } from "./context.js";
import type { RequestScope } from "./request-context.js";

const JSON_TYPE = { "Content-Type": "application/json" };

/** A JSON response carrying the cookies the request set. */
export function jsonResponse(
  value: unknown,
  setCookies: Iterable<string>,
  extraHeaders?: Record<string, string>,
): Response {
  const headers = new Headers({ ...JSON_TYPE, ...extraHeaders });
  for (const cookie of setCookies) headers.append("Set-Cookie", cookie);
  return new Response(JSON.stringify(value), { status: 200, headers });
}

/**
 * The response for a thrown error: a `KerniaError` as `{ message, code }` with its status; any
 * other error is logged and answered 500 without its message or stack (fail closed).
 *
 * `setCookies` are the cookies the error answer may still carry (`RequestScope.cookiesOnError`:
 * clearing a dead session's cookie before a 401). An error grants nothing, so only deletions
 * (`Max-Age=0`) are ever sent.
 */
export function errorResponse(error: unknown, auth: Pick<AuthContext, "logger">, setCookies: Iterable<string> = []): Response {
  const known = toKerniaError(error, auth);
  const headers = new Headers(JSON_TYPE);
  for (const [name, value] of Object.entries((known as { headers?: Record<string, string> }).headers ?? {})) headers.set(name, value);
  const retryAfter = (known as { retryAfter?: number }).retryAfter;
  if (retryAfter !== undefined) headers.set("X-Retry-After", String(retryAfter));
  for (const cookie of setCookies) if (/; Max-Age=0(;|$)/.test(cookie)) headers.append("Set-Cookie", cookie);
  return new Response(JSON.stringify(known.toJSON()), { status: known.status, headers });
}

export function toKerniaError(error: unknown, auth: Pick<AuthContext, "logger">): KerniaError {
  if (error instanceof KerniaError) {
    // The hasher logs its own refusals, throttled: a flood would otherwise log one line per request.
    if (error.status >= 500 && error.code !== "TOO_MANY_PENDING_PASSWORD_CHECKS") auth.logger.error("kernia:", error);
    return error;
  }
  if (isUnavailableError(error)) {
    // An outage, not a bug: say so, so clients can retry rather than report it.
    auth.logger.error("kernia: database unavailable:", error);
    return new KerniaError(503, "SERVICE_UNAVAILABLE", undefined, { cause: error });
  }
  auth.logger.error("kernia: unexpected error", error);
  return new KerniaError(500, "INTERNAL_SERVER_ERROR", undefined, { cause: error });
}

/**
 * Applies the request's writes once its answer is complete: all of them and that answer, or none
 * and an error answer with no cookie at all, so a browser never holds cookies for state that was
 * not written (issue 14, item 3).
 */
export async function commitThenAnswer(scope: RequestScope<unknown>, response: Response, auth: Pick<AuthContext, "logger">): Promise<Response> {
  try {
    await scope.commit();
  } catch (error) {
    await scope.tellEvents("failed");
    return errorResponse(error, auth);
  }
  await scope.tellEvents("done");
  return response;
}
