import { z } from "zod";
import { defineEndpoint } from "../auth/endpoint.js";
import type { Session } from "../db/models.js";
import { requireFreshSession, requireSession } from "./session-guard.js";

/** `GET /list-sessions`: the user's live sessions; needs a fresh session. */
export const listSessions = defineEndpoint({
  method: "GET",
  path: "/list-sessions",
  async handler(ctx): Promise<Session[]> {
    const active = await requireFreshSession(ctx);
    const sessions = await ctx.auth.sessions.listForUser(active.user.id);
    return sessions.filter((s) => s.expiresAt.getTime() > ctx.now.getTime());
  },
});

/** `POST /revoke-session {token}`: revokes one of the user's own sessions. */
export const revokeSession = defineEndpoint({
  method: "POST",
  path: "/revoke-session",
  body: z.strictObject({ token: z.string().min(1).max(255) }),
  async handler(ctx): Promise<{ status: true }> {
    const active = await requireSession(ctx);
    const { token } = ctx.body;
    const target = token === active.session.token ? active : await ctx.auth.sessions.findByToken(token);
    // Another user's token is answered like an unknown one, and left alone.
    if (target?.user.id === active.user.id) await ctx.revokeSessions([token], { known: [target] });
    if (token === active.session.token) ctx.clearSessionCookie();
    return { status: true };
  },
});

/** `POST /revoke-sessions`: revokes every session of the user, this one included. */
export const revokeSessions = defineEndpoint({
  method: "POST",
  path: "/revoke-sessions",
  async handler(ctx): Promise<{ status: true }> {
    const active = await requireSession(ctx);
    await ctx.revokeSessions(await ctx.auth.sessions.tokensForUser(active.user.id));
    ctx.clearSessionCookie();
    return { status: true };
  },
});

/** `POST /revoke-other-sessions`: revokes every session of the user but this one. */
export const revokeOtherSessions = defineEndpoint({
  method: "POST",
  path: "/revoke-other-sessions",
  async handler(ctx): Promise<{ status: true }> {
    const active = await requireSession(ctx);
    await ctx.revokeSessions(await ctx.auth.sessions.tokensForUser(active.user.id, active.session.token));
    return { status: true };
  },
});
