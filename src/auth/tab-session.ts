import type { SessionWithUser } from "../db/models.js";
import { KerniaError } from "../errors.js";
import { TAB_SESSION_HEADER, TAB_SESSION_PARAM } from "../tab-session-wire.js";
import type { RequestContext } from "./request-context.js";

// Kernia's client sends TAB_SESSION_HEADER in per-tab mode; without it a request acts as the
// browser's active account, exactly as Better Auth's client expects.
export { TAB_SESSION_HEADER, TAB_SESSION_PARAM };

/** Session ids are `randomId()` output; anything else names no session and costs no query. */
const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;

const unavailable = () => new KerniaError(401, "TAB_SESSION_UNAVAILABLE");

/**
 * A custom header is not a CSRF defence by itself (a misconfigured CORS policy would let another
 * site send one), so a tab's choice is honoured only from a trusted origin: an `Origin` must be
 * trusted, and a request without one must not be marked by the browser as coming from another
 * site. Server code that forwards a page request's headers (`auth.api.getSession`) passes.
 */
function checkChoiceOrigin(ctx: RequestContext<unknown>): void {
  const origin = ctx.headers.get("origin");
  if (origin !== null) {
    if (origin === "null" || !ctx.auth.trustedOrigins.has(origin)) throw new KerniaError(403, "INVALID_ORIGIN");
    return;
  }
  const site = ctx.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") throw new KerniaError(403, "INVALID_ORIGIN");
}

/** The tokens this browser proves it holds: the plugin's verified list, else the session cookie. */
async function deviceTokens(ctx: RequestContext<unknown>): Promise<readonly string[]> {
  for (const plugin of ctx.auth.plugins) {
    if (plugin.deviceTokens) return plugin.deviceTokens(ctx);
  }
  const active = await ctx.readSigned(ctx.auth.cookies.sessionToken);
  return active ? [active.value] : [];
}

/**
 * The session a tab chose with {@link TAB_SESSION_HEADER}: one of this browser's own sessions,
 * valid now, looked up in one statement. Anything else (an id from another browser, a revoked or
 * expired session, a malformed header, a cross-site request) is refused with 401
 * `TAB_SESSION_UNAVAILABLE` or 403 `INVALID_ORIGIN`; the refusal writes nothing and sets no
 * cookie, and never falls back silently, so the client can tell its user the tab changed account.
 */
export async function readChosenSession(ctx: RequestContext<unknown>, sessionId: string): Promise<SessionWithUser> {
  checkChoiceOrigin(ctx);
  if (!SESSION_ID.test(sessionId)) throw unavailable();
  const tokens = await deviceTokens(ctx);
  if (tokens.length === 0) throw unavailable();
  const found = (await ctx.auth.sessions.findByTokens(tokens)).find((e) => e.session.id === sessionId);
  if (!found || found.session.expiresAt.getTime() <= ctx.now.getTime()) throw unavailable();
  return found;
}

/**
 * The headers to hand `auth.api.getSession` (or any `auth.api` call) when rendering a page on the
 * server, so the page acts as the account its address names (`?kernia_session=<session id>`) the
 * way the client's requests from that tab will. A request another site sent (a link followed from
 * elsewhere) keeps the browser's active account: the parameter is ignored. A choice the browser
 * cannot make (a signed-out account) makes the call throw 401 `TAB_SESSION_UNAVAILABLE`.
 *
 * @example
 * ```ts
 * const session = await auth.api.getSession({ headers: tabSessionHeaders(request) });
 * ```
 */
export function tabSessionHeaders(request: { url: string; headers: HeadersInit }): Headers {
  const headers = new Headers(request.headers);
  const site = headers.get("sec-fetch-site");
  const chosen = new URL(request.url, "http://localhost").searchParams.get(TAB_SESSION_PARAM);
  if (chosen && (site === null || site === "same-origin" || site === "none")) headers.set(TAB_SESSION_HEADER, chosen);
  return headers;
}
