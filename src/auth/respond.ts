import { isUnavailableError } from "../db/errors.js";
import { KerniaError } from "../errors.js";
import type { AuthContext } from "./context.js";
import type { Answer } from "./exchange.js";
import type { RequestScope } from "./request-context.js";
import { stringifyAnswer } from "../wire-json.js";

const JSON_TYPE = "application/json";

/** A JSON answer carrying the cookies the request set. */
export function jsonAnswer(value: unknown, setCookies: Iterable<string>, extraHeaders?: Record<string, string>): Answer {
  return {
    status: 200,
    headers: extraHeaders ? { "Content-Type": JSON_TYPE, ...extraHeaders } : { "Content-Type": JSON_TYPE },
    cookies: [...setCookies],
    body: stringifyAnswer(value),
  };
}

/**
 * The answer for a thrown error: a `KerniaError` as `{ message, code }` with its status; any
 * other error is logged and answered 500 without its message or stack (fail closed).
 *
 * `setCookies` are the cookies the error answer may still carry (`RequestScope.cookiesOnError`:
 * clearing a dead session's cookie before a 401). An error grants nothing, so only deletions
 * (`Max-Age=0`) are ever sent.
 */
export function errorAnswer(error: unknown, auth: Pick<AuthContext, "logger">, setCookies: Iterable<string> = []): Answer {
  const known = toKerniaError(error, auth);
  const headers: Record<string, string> = { "Content-Type": JSON_TYPE, ...(known as { headers?: Record<string, string> }).headers };
  const retryAfter = (known as { retryAfter?: number }).retryAfter;
  if (retryAfter !== undefined) headers["X-Retry-After"] = String(retryAfter);
  const cookies = [...setCookies].filter((cookie) => /; Max-Age=0(;|$)/.test(cookie));
  return { status: known.status, headers, cookies, body: JSON.stringify(known.toJSON()) };
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
export async function commitThenAnswer(scope: RequestScope<unknown>, answer: Answer, auth: Pick<AuthContext, "logger">): Promise<Answer> {
  try {
    await scope.commit();
  } catch (error) {
    await scope.tellEvents("failed");
    return errorAnswer(error, auth);
  }
  await scope.tellEvents("done");
  return answer;
}
