import { parseCookies } from "../cookies/parse.js";
import { KerniaError } from "../errors.js";
import type { AnyEndpoint } from "../plugins/types.js";
import { clientAddress, peerAddress } from "../security/client-ip.js";
import { checkOrigin } from "../security/origin.js";
import { enforceRateLimit, memoryRateLimitStore, secondaryRateLimitStore } from "../security/rate-limit.js";
import { tell } from "./audit.js";
import { baseURLInference, type AuthContext } from "./context.js";
import { createRequestContext, type RequestScope } from "./request-context.js";
import { answerToResponse, incomingFromRequest, type Answer, type Incoming } from "./exchange.js";
import { commitThenAnswer, errorAnswer, jsonAnswer } from "./respond.js";
import { parseBody, validateBody } from "./validate.js";

/** What the mount knows about a request that the `Request` itself does not carry. */
export interface HandlerOptions {
  /**
   * The address of the peer that sent the request (the TCP client: the browser, or your proxy).
   * Rate limits are counted per client address, and sessions record it. Give it on every Fetch
   * host (Hono, Next.js, Bun, Deno); `kernia/node` passes it for you. When the peer is listed in
   * `advanced.trustedProxies`, the client is read from `X-Forwarded-For` instead.
   */
  ip?: string | null;
}

/** `auth.handler` for Fetch hosts, and `handle`, the same work for adapters that build no `Request`. */
export interface Handlers {
  handler(request: Request, options?: HandlerOptions): Promise<Response>;
  handle(incoming: Incoming): Promise<Answer>;
}

/** Builds the handler: routing, CSRF and rate limits, body limits, validation, then the endpoint. */
export function createHandlers(context: AuthContext, endpoints: Record<string, AnyEndpoint>): Handlers {
  const routes = new Map<string, AnyEndpoint>();
  for (const endpoint of Object.values(endpoints)) routes.set(endpoint.path, endpoint);
  const store =
    context.rateLimit.storage === "secondary-storage" && context.secondaryStorage
      ? secondaryRateLimitStore(context.secondaryStorage, { logger: context.logger })
      : memoryRateLimitStore();
  const prefix = `${context.basePath}/`;
  let warnedUnknownAddress = false;
  const forOrigin = baseURLInference(context);

  async function handle(incoming: Incoming): Promise<Answer> {
    let scope: RequestScope<unknown> | undefined;
    let auth = context;
    try {
      if (context.inferBaseURL) auth = forOrigin(incoming.origin());
      const { pathname, header } = incoming;
      const path = pathname.startsWith(prefix) ? pathname.slice(auth.basePath.length) : undefined;
      const endpoint = path === undefined ? undefined : routes.get(path);
      if (!endpoint) throw new KerniaError(404, "NOT_FOUND");
      if (incoming.method !== endpoint.method) {
        const wrong = endpoint.wrongMethod;
        const refusal = wrong ? new KerniaError(405, wrong.code, wrong.message) : new KerniaError(405, "METHOD_NOT_ALLOWED");
        // The endpoint's own headers (get-session's `Cache-Control: no-store`) hold for its 405 too.
        if (endpoint.headers) Object.assign(refusal, { headers: endpoint.headers });
        throw refusal;
      }

      const cookies = parseCookies(header.get("cookie"));
      const ipAddress = clientAddress(incoming.peer, header, auth.trustedProxies);
      if (endpoint.method === "POST") checkOrigin(header, cookies.size > 0, auth.trustedOrigins);
      if (auth.rateLimit.enabled) {
        if (ipAddress !== null) {
          const rule = auth.rateLimit.rules[endpoint.path] ?? auth.rateLimit.rule;
          const at = auth.now();
          try {
            await enforceRateLimit(store, `${ipAddress}|${endpoint.path}`, rule, at.getTime());
          } catch (refusal) {
            const event = { type: "rate-limited", path: endpoint.path, at, ipAddress, userAgent: header.get("user-agent") } as const;
            await tell(auth.options.onEvent, [event], auth.logger);
            throw refusal;
          }
        } else if (!warnedUnknownAddress) {
          // One shared budget for every client whose address is unknown would let anyone lock the
          // whole site out with three sign-ins (issue 9). Such requests are not rate limited; say
          // so once, with the fix.
          warnedUnknownAddress = true;
          auth.logger.warn(
            "kernia: a request came without a client address, so it is not rate limited. Pass it: auth.handler(request, { ip }), or mount with toNodeHandler from kernia/node.",
          );
        }
      }
      const raw = endpoint.method === "POST" ? parseBody(await incoming.body(), header.get("content-type")) : undefined;
      const body = validateBody(endpoint.body, raw);
      const { search } = incoming;
      scope = createRequestContext(auth, {
        header,
        headers: () => incoming.headers(),
        query: () => new URLSearchParams(search),
        cookies,
        body,
        ipAddress,
      });
      const { ctx } = scope;
      const answer = jsonAnswer(await endpoint.handler(ctx), ctx.setCookies.values(), endpoint.headers);
      // A read (get-session, list-device-sessions: every page load) has nothing to commit or tell.
      return scope.hasWork() ? await commitThenAnswer(scope, answer, auth) : answer;
    } catch (error) {
      await scope?.tellEvents("failed");
      return errorAnswer(error, auth, scope?.cookiesOnError());
    }
  }

  return {
    handle,
    async handler(request, options) {
      const peer = options?.ip || peerAddress(request);
      return answerToResponse(await handle(incomingFromRequest(request, peer)));
    },
  };
}
