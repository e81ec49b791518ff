import { parseCookies } from "../cookies/parse.js";
import { KerniaError } from "../errors.js";
import type { AnyEndpoint } from "../plugins/types.js";
import { readBody } from "../security/body.js";
import { clientAddress } from "../security/client-ip.js";
import { checkOrigin } from "../security/origin.js";
import { enforceRateLimit, memoryRateLimitStore, secondaryRateLimitStore } from "../security/rate-limit.js";
import type { AuthContext } from "./context.js";
import { createRequestContext, type RequestScope } from "./request-context.js";
import { commitThenAnswer, errorResponse, jsonResponse } from "./respond.js";
import { parseJson, validateBody } from "./validate.js";

/** Builds `auth.handler`: routing, CSRF and rate limits, body limits, validation, then the endpoint. */
export function createHandler(auth: AuthContext, endpoints: Record<string, AnyEndpoint>) {
  const routes = new Map<string, AnyEndpoint>();
  for (const endpoint of Object.values(endpoints)) routes.set(endpoint.path, endpoint);
  const store =
    auth.rateLimit.storage === "secondary-storage" && auth.secondaryStorage
      ? secondaryRateLimitStore(auth.secondaryStorage)
      : memoryRateLimitStore();
  const prefix = `${auth.basePath}/`;

  return async function handler(request: Request): Promise<Response> {
    let scope: RequestScope<unknown> | undefined;
    try {
      const { pathname, searchParams } = new URL(request.url);
      const path = pathname.startsWith(prefix) ? pathname.slice(auth.basePath.length) : undefined;
      const endpoint = path === undefined ? undefined : routes.get(path);
      if (!endpoint) throw new KerniaError(404, "NOT_FOUND");
      if (request.method !== endpoint.method) throw new KerniaError(405, "METHOD_NOT_ALLOWED");

      const { headers } = request;
      const cookies = parseCookies(headers.get("cookie"));
      const ipAddress = clientAddress(request, auth.trustedProxies);
      if (endpoint.method === "POST") checkOrigin(headers, cookies.size > 0, auth.trustedOrigins);
      if (auth.rateLimit.enabled) {
        const rule = auth.rateLimit.rules[endpoint.path] ?? auth.rateLimit.rule;
        await enforceRateLimit(store, `${ipAddress ?? "unknown"}|${endpoint.path}`, rule, auth.now().getTime());
      }
      const raw = endpoint.method === "POST" ? parseJson(await readBody(request)) : undefined;
      const body = validateBody(endpoint.body, raw);
      scope = createRequestContext(auth, { headers, query: searchParams, cookies, body, ipAddress });
      const { ctx } = scope;
      const response = jsonResponse(await endpoint.handler(ctx), ctx.setCookies.values(), endpoint.headers);
      return await commitThenAnswer(scope, response, auth);
    } catch (error) {
      return errorResponse(error, auth, scope?.cookiesOnError());
    }
  };
}
