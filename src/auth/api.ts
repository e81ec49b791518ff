import { parseCookies } from "../cookies/parse.js";
import type { AnyEndpoint } from "../plugins/types.js";
import type { AuthContext } from "./context.js";
import type { Endpoint } from "./endpoint.js";
import { createRequestContext, type RequestScope } from "./request-context.js";
import { answerToResponse } from "./exchange.js";
import { commitThenAnswer, errorAnswer, jsonAnswer, toKerniaError } from "./respond.js";
import { validateBody } from "./validate.js";

/** What a server-side call takes: the body, the incoming request's headers, the query. */
export interface ApiInput<Body> {
  body?: Body;
  /** The incoming request's headers (`request.headers`, a plain object, or pairs). */
  headers?: ConstructorParameters<typeof Headers>[0];
  query?: Record<string, string>;
}

/** One server-side call: the result, or the full `Response` with `asResponse: true`. */
export interface ApiCall<Body, Result> {
  (input?: ApiInput<Body> & { asResponse?: false }): Promise<Result>;
  (input: ApiInput<Body> & { asResponse: true }): Promise<Response>;
}

/** `auth.api`: one call per endpoint, typed from its schema and handler. */
export type Api<E> = {
  [K in keyof E]: E[K] extends Endpoint<infer Body, infer Result> ? ApiCall<Body, Result> : never;
};

/**
 * Server-side calls run the endpoint directly: the body is validated as over HTTP, but there is
 * no origin check or rate limit (the caller is the app's own server). Errors throw `KerniaError`
 * unless `asResponse` is set.
 */
export function createApi<E extends Record<string, AnyEndpoint>>(auth: AuthContext, endpoints: E): Api<E> {
  const api: Record<string, unknown> = {};
  for (const [name, endpoint] of Object.entries(endpoints)) {
    api[name] = async (input: ApiInput<unknown> & { asResponse?: boolean } = {}) => {
      let scope: RequestScope<unknown> | undefined;
      try {
        const headers = new Headers(input.headers);
        scope = createRequestContext(auth, {
          header: headers,
          headers: () => headers,
          query: () => new URLSearchParams(input.query),
          cookies: parseCookies(headers.get("cookie")),
          body: validateBody(endpoint.body, input.body),
          ipAddress: null,
        });
        const { ctx } = scope;
        const result = await endpoint.handler(ctx);
        if (input.asResponse) {
          return answerToResponse(await commitThenAnswer(scope, jsonAnswer(result, ctx.setCookies.values(), endpoint.headers), auth));
        }
        await scope.commit();
        await scope.tellEvents("done");
        return result;
      } catch (error) {
        await scope?.tellEvents("failed");
        if (input.asResponse) return answerToResponse(errorAnswer(error, auth, scope?.cookiesOnError()));
        throw toKerniaError(error, auth);
      }
    };
  }
  return api as Api<E>;
}
