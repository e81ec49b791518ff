import { z } from "zod";
import { defineEndpoint } from "../../auth/endpoint.js";
import type { RequestContext } from "../../auth/request-context.js";
import type { Session, SessionWithUser } from "../../db/models.js";
import { KerniaError } from "../../errors.js";
import { listChanged, readClaims, resolveEntries, writeList, type DeviceCookies } from "./device.js";

/** A session as the plugin answers it: without `token` when `exposeTokens` is off. */
export type DeviceSession = { session: Session | Omit<Session, "token">; user: SessionWithUser["user"] };

const target = z
  .strictObject({ sessionToken: z.string().min(1).max(255).optional(), sessionId: z.string().min(1).max(255).optional() })
  .refine((b) => (b.sessionToken === undefined) !== (b.sessionId === undefined), {
    message: "give exactly one of sessionToken and sessionId",
  });
type Target = z.infer<typeof target>;

const invalid = () => new KerniaError(401, "INVALID_SESSION_TOKEN", "Invalid session token");

export interface RouteConfig {
  names: DeviceCookies;
  exposeTokens: boolean;
}

function present(config: RouteConfig, entry: SessionWithUser): DeviceSession {
  if (config.exposeTokens) return entry;
  const { token: _token, ...session } = entry.session;
  return { session, user: entry.user };
}

/**
 * Finds the listed entry the body names. Only tokens this browser proves it holds (the verified
 * list, legacy cookies, the session cookie) are looked at; anything else is 401 before any query.
 */
async function findTarget(ctx: RequestContext<Target>, config: RouteConfig, withActive: boolean) {
  const claims = await readClaims(ctx, config.names, { withActive });
  const { sessionToken, sessionId } = ctx.body;
  if (sessionToken !== undefined && !claims.tokens.includes(sessionToken)) throw invalid();
  if (claims.tokens.length === 0) throw invalid();
  const entries = await resolveEntries(ctx, claims.tokens);
  const match = entries.find((e) => (sessionToken !== undefined ? e.session.token === sessionToken : e.session.id === sessionId));
  return { claims, entries, match };
}

export function multiSessionRoutes(config: RouteConfig) {
  const listDeviceSessions = defineEndpoint({
    method: "GET",
    path: "/multi-session/list-device-sessions",
    headers: { "Cache-Control": "no-store" },
    async handler(ctx): Promise<DeviceSession[]> {
      const claims = await readClaims(ctx, config.names);
      const entries = claims.tokens.length ? await resolveEntries(ctx, claims.tokens) : [];
      if (listChanged(claims, entries)) await writeList(ctx, config.names, claims, entries);
      // Most recently active first: the order an account chooser shows.
      return entries.map((e) => present(config, e)).reverse();
    },
  });

  const setActiveSession = defineEndpoint({
    method: "POST",
    path: "/multi-session/set-active",
    body: target,
    async handler(ctx): Promise<DeviceSession> {
      const { claims, entries, match } = await findTarget(ctx, config, false);
      if (!match) throw invalid();
      await ctx.setSessionCookie(match);
      ctx.audit({ type: "switch", userId: match.user.id, sessionId: match.session.id });
      // The switched-to account becomes the most recently active.
      await writeList(ctx, config.names, claims, [...entries.filter((e) => e !== match), match]);
      return present(config, match);
    },
  });

  const revokeDeviceSession = defineEndpoint({
    method: "POST",
    path: "/multi-session/revoke",
    body: target,
    async handler(ctx): Promise<{ status: true; active: DeviceSession | null }> {
      const { claims, entries, match } = await findTarget(ctx, config, true);
      // A listed token whose session already died is revoked again harmlessly; an id must match.
      const token = match?.session.token ?? ctx.body.sessionToken;
      if (token === undefined) throw invalid();
      await ctx.revokeSessions([token], match ? { known: [match] } : {});
      const remaining = entries.filter((e) => e.session.token !== token);
      let active = entries.find((e) => e.session.token === claims.activeToken && e.session.token !== token) ?? null;
      if (claims.activeToken === token || !active) {
        // The active account is gone (revoked now, or dead before): promote the most recent one left.
        active = remaining.at(-1) ?? null;
        if (active) await ctx.setSessionCookie(active);
        else ctx.clearSessionCookie();
      }
      await writeList(ctx, config.names, claims, remaining);
      return { status: true, active: active && present(config, active) };
    },
  });

  return { listDeviceSessions, setActiveSession, revokeDeviceSession };
}
