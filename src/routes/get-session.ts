import { defineEndpoint } from "../auth/endpoint.js";
import type { SessionWithUser } from "../db/models.js";
import { KerniaError } from "../errors.js";

/**
 * `GET /get-session`: the active session and its user, or `null`. On every page load of every
 * app, so a valid session costs one SQL statement and one HMAC check; once `updateAge` has
 * passed since the last extension, the expiry slides forward (a second statement).
 */
export const getSession = defineEndpoint({
  method: "GET",
  path: "/get-session",
  headers: { "Cache-Control": "no-store" },
  // Better Auth answers a POST this way (it serves POST only with its deferSessionRefresh option).
  wrongMethod: {
    code: "METHOD_NOT_ALLOWED_DEFER_SESSION_REQUIRED",
    message: "POST method requires deferSessionRefresh to be enabled in session config",
  },
  async handler(ctx): Promise<SessionWithUser | null> {
    const active = await ctx.session();
    if (!active) return null;
    const { auth } = ctx;
    const { expiresIn, updateAge } = auth.session;
    const lastExtended = active.session.expiresAt.getTime() - expiresIn * 1000;
    const due = lastExtended + updateAge * 1000 <= ctx.now.getTime();
    if (!due || ctx.query.get("disableRefresh") === "true") return active;
    // A session the user asked not to be remembered is never extended. (The cookie qualifies the
    // browser's active session; a tab's chosen session carries no such cookie.)
    const chosen = ctx.tabChoice !== null;
    if (!chosen && ctx.cookies.has(auth.cookies.dontRemember) && (await ctx.readSigned(auth.cookies.dontRemember))?.value === "true") {
      return active;
    }
    const expiresAt = new Date(ctx.now.getTime() + expiresIn * 1000);
    if (!(await auth.sessions.extend(active.session.token, expiresAt, ctx.now))) {
      if (chosen) throw new KerniaError(401, "TAB_SESSION_UNAVAILABLE");
      ctx.clearSessionCookie();
      return null;
    }
    const extended = { session: { ...active.session, expiresAt, updatedAt: ctx.now }, user: active.user };
    // The session cookie says what the browser's other tabs act as: a tab's choice leaves it alone.
    if (!chosen) await ctx.setSessionCookie(extended);
    return extended;
  },
});
