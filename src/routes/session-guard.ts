import type { RequestContext } from "../auth/request-context.js";
import type { SessionWithUser } from "../db/models.js";
import { KerniaError } from "../errors.js";

/** The active session, or 401 `UNAUTHORIZED`. */
export async function requireSession(ctx: RequestContext<unknown>): Promise<SessionWithUser> {
  const active = await ctx.session();
  if (!active) throw new KerniaError(401, "UNAUTHORIZED");
  return active;
}

/** The active session when it was created within `freshAge`, else 403 `SESSION_NOT_FRESH`. */
export async function requireFreshSession(ctx: RequestContext<unknown>): Promise<SessionWithUser> {
  const active = await requireSession(ctx);
  const { freshAge } = ctx.auth.session;
  if (freshAge !== 0 && ctx.now.getTime() - active.session.createdAt.getTime() >= freshAge * 1000) {
    throw new KerniaError(403, "SESSION_NOT_FRESH");
  }
  return active;
}
