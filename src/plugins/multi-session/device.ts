import type { RequestContext } from "../../auth/request-context.js";
import { isCookieName, withMaxAge } from "../../cookies/serialize.js";
import type { SessionWithUser } from "../../db/models.js";
import { decodeList, encodeList } from "./list-cookie.js";

/** Cookie names the plugin reads and writes, fixed at startup. */
export interface DeviceCookies {
  list: string;
  /** Better Auth's per-session cookies are named `<session cookie>_multi-<token, lower-cased>`. */
  legacyPrefix: string;
}

/** What this browser's cookies say, before looking at the database. */
export interface DeviceClaims {
  /** Tokens this browser proves it holds, least recently active first. */
  tokens: string[];
  /** The token of the request's (verified) session cookie; read only without a list or when asked for. */
  activeToken: string | null;
  /** The cookies must be rewritten even if no entry changes (old key, legacy cookies, forged list). */
  rewrite: boolean;
  legacyNames: string[];
  hadList: boolean;
}

/**
 * Reads the verified list cookie, Better Auth's legacy per-session cookies and the session
 * cookie. A list that fails verification counts as absent; without a list, the active session
 * alone is this browser's list. No database access.
 */
export async function readClaims(
  ctx: RequestContext<unknown>,
  names: DeviceCookies,
  options: { withActive?: boolean } = {},
): Promise<DeviceClaims> {
  const { signer, cookies } = ctx.auth;
  const rawList = ctx.cookies.get(names.list);
  const list = rawList ? decodeList(signer, names.list, rawList) : null;
  // The session cookie matters only without a list, or to callers that must know the active one.
  const activeToken = list && !options.withActive ? null : ((await ctx.readSigned(cookies.sessionToken))?.value ?? null);

  const legacyNames: string[] = [];
  const legacy: string[] = [];
  for (const [name, value] of ctx.cookies) {
    // A name that cannot be written back could not have been set by Better Auth; a sibling
    // subdomain can plant one, and echoing it would make the response fail (issue 14, item 3).
    if (!name.startsWith(names.legacyPrefix) || !isCookieName(name)) continue;
    legacyNames.push(name);
    const verified = signer.verify(value);
    if (verified) legacy.push(verified.value);
  }

  const base = list ? list.tokens : activeToken ? [activeToken] : [];
  const tokens = [...new Set([...legacy.filter((t) => !base.includes(t)), ...base])];
  return {
    tokens,
    activeToken,
    rewrite: legacyNames.length > 0 || (list?.stale ?? false) || (rawList !== undefined && list === null),
    legacyNames,
    hadList: list !== null,
  };
}

/**
 * The valid sessions among `tokens`, in one statement, kept in the same order with one entry
 * per user (the most recently active one).
 */
export async function resolveEntries(ctx: RequestContext<unknown>, tokens: readonly string[]): Promise<SessionWithUser[]> {
  const found = new Map((await ctx.auth.sessions.findByTokens(tokens)).map((e) => [e.session.token, e]));
  const now = ctx.now.getTime();
  const seenUsers = new Set<string>();
  const newestFirst: SessionWithUser[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) {
    const entry = found.get(tokens[i] as string);
    if (!entry || entry.session.expiresAt.getTime() <= now || seenUsers.has(entry.user.id)) continue;
    seenUsers.add(entry.user.id);
    newestFirst.push(entry);
  }
  return newestFirst.reverse();
}

/**
 * Writes the list cookie for `entries` (least recently active first) with a Max-Age that
 * follows the longest-lived one, expires legacy cookies, and removes the list when empty.
 */
export async function writeList(
  ctx: RequestContext<unknown>,
  names: DeviceCookies,
  claims: Pick<DeviceClaims, "legacyNames">,
  entries: readonly SessionWithUser[],
): Promise<void> {
  for (const name of claims.legacyNames) ctx.expireCookie(name);
  if (entries.length === 0) {
    if (ctx.cookies.has(names.list)) ctx.expireCookie(names.list);
    return;
  }
  const longest = Math.max(...entries.map((e) => e.session.expiresAt.getTime()));
  const maxAge = Math.min(400 * 24 * 3600, Math.floor((longest - ctx.now.getTime()) / 1000));
  const value = encodeList(ctx.auth.signer, names.list, entries.map((e) => e.session.token));
  ctx.setCookie(names.list, value, withMaxAge(ctx.auth.cookies.attributes, maxAge));
}

/** Whether `entries` differ from what the cookie listed (pruned, reordered or grown). */
export function listChanged(claims: DeviceClaims, entries: readonly SessionWithUser[]): boolean {
  return (
    claims.rewrite ||
    !claims.hadList ||
    entries.length !== claims.tokens.length ||
    entries.some((e, i) => e.session.token !== claims.tokens[i])
  );
}
