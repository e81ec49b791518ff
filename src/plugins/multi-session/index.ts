import { cookieConfig } from "../../cookies/session-cookie.js";
import { KerniaConfigError } from "../../errors.js";
import type { SessionWithUser } from "../../db/models.js";
import type { KerniaOptions } from "../../options.js";
import type { Plugin } from "../types.js";
import { readClaims, resolveEntries, writeList, type DeviceCookies } from "./device.js";
import { MULTI_SESSION_ERROR_CODES } from "./error-codes.js";
import { maximumEntries } from "./list-cookie.js";
import { multiSessionRoutes } from "./routes.js";

export interface MultiSessionOptions {
  /** Accounts one browser keeps signed in; past it the least recently active is signed out. Default 5. */
  maximum?: number;
  /** Better Auth's name for `maximum`. */
  maximumSessions?: number;
  /**
   * Include `session.token` in list, set-active and revoke answers (Better Auth does). Set to
   * `false` to keep tokens out of JavaScript and switch by `sessionId`. Default `true`.
   */
  exposeTokens?: boolean;
}

/** The list cookie's name in its longest (`__Secure-`) form, which sizes the cap. */
function longestListName(options: KerniaOptions): string {
  return cookieConfig({ ...options, advanced: { ...options.advanced, useSecureCookies: true } }, new URL("https://x")).name("session_list");
}

/**
 * Several accounts signed in on one browser. A signed `<prefix>.session_list` cookie holds the
 * browser's sessions, the session cookie points at the active one, and every sign-in adds to
 * the list. No tables are added.
 *
 * @example
 * import { kernia } from "kernia";
 * import { multiSession } from "kernia/plugins";
 * const auth = kernia({ database: "sqlite:app.db", plugins: [multiSession({ maximum: 3 })] });
 */
export function multiSession(options: MultiSessionOptions = {}) {
  const maximum = options.maximum ?? options.maximumSessions ?? 5;
  const exposeTokens = options.exposeTokens ?? true;
  let names: DeviceCookies | undefined;
  const cookies = () => {
    if (!names) throw new Error("multiSession: used before kernia() initialised it");
    return names;
  };
  const routes = multiSessionRoutes({
    get names() {
      return cookies();
    },
    exposeTokens,
  });

  return {
    id: "multi-session",
    endpoints: routes,
    errorCodes: MULTI_SESSION_ERROR_CODES,

    validate(kerniaOptions: KerniaOptions) {
      const limit = maximumEntries(longestListName(kerniaOptions).length);
      if (!Number.isInteger(maximum) || maximum < 1 || maximum > limit) {
        throw new KerniaConfigError(
          "multiSession.maximum",
          `must be an integer from 1 to ${limit} (the list cookie must stay under 4096 bytes); got ${maximum}`,
        );
      }
    },

    /** Every token the verified list (or Better Auth's legacy cookies, or the session cookie) holds. */
    async deviceTokens(ctx) {
      const claims = await readClaims(ctx, cookies(), { withActive: true });
      return claims.activeToken && !claims.tokens.includes(claims.activeToken) ? [...claims.tokens, claims.activeToken] : claims.tokens;
    },

    init(context) {
      names = { list: context.cookies.name("session_list"), legacyPrefix: `${context.cookies.sessionToken}_multi-` };
    },

    events: {
      /** A new session joins the list as the most recently active; one entry per user; the cap evicts. */
      async sessionCreated(ctx, created) {
        const claims = await readClaims(ctx, cookies());
        const previous = claims.tokens.filter((t) => t !== created.session.token);
        const entries = previous.length ? await resolveEntries(ctx, previous) : [];
        const sameUser = entries.filter((e) => e.user.id === created.user.id);
        const others = entries.filter((e) => e.user.id !== created.user.id);
        const evicted = others.slice(0, Math.max(0, others.length + 1 - maximum));
        const kept = others.slice(evicted.length);
        const tokens = (list: SessionWithUser[]) => list.map((e) => e.session.token);
        await ctx.revokeSessions(tokens(sameUser), { reason: "replaced", known: sameUser });
        await ctx.revokeSessions(tokens(evicted), { reason: "evicted", known: evicted });
        await writeList(ctx, cookies(), claims, [...kept, created]);
      },

      /** Signing out signs out every account of this browser. */
      async signOut(ctx) {
        const claims = await readClaims(ctx, cookies(), { withActive: true });
        const others = claims.tokens.filter((t) => t !== claims.activeToken);
        if (others.length) await ctx.revokeSessions(others, { reason: "sign-out" });
        await writeList(ctx, cookies(), claims, []);
      },
    },
  } satisfies Plugin<typeof routes>;
}
