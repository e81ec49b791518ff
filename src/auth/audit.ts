/** A session named in an audit event: ids only, never the token. */
export interface AuditSession {
  sessionId: string;
  userId: string;
}

/** Why sessions ended, in a `revoke` event. */
export type RevokeReason =
  /** The user (or the app for them) revoked it: multi-session revoke, revoke-session(s). */
  | "revoked"
  /** The same user signed in again on this browser; the older session was replaced. */
  | "replaced"
  /** The browser's list was full; the least recently active account was signed out. */
  | "evicted"
  /** It had expired and was met by a request. */
  | "expired";

/**
 * What `onEvent` hears, one event per thing that happened. Each carries the time, the client's
 * address and user agent; sessions are named by id, never by token.
 */
export type AuditEvent = {
  at: Date;
  ipAddress: string | null;
  userAgent: string | null;
} & (
  | { type: "sign-up"; userId: string; sessionId: string | null }
  | { type: "sign-in"; userId: string; sessionId: string }
  | { type: "sign-in-failed"; email: string }
  | { type: "sign-out"; sessions: AuditSession[] }
  | { type: "switch"; userId: string; sessionId: string }
  | { type: "revoke"; reason: RevokeReason; sessions: AuditSession[] }
  | { type: "rate-limited"; path: string }
);

/** An event as a request records it; the time, address and user agent are the request's. */
export type AuditRecord = AuditEvent extends infer E ? (E extends AuditEvent ? Omit<E, "at" | "ipAddress" | "userAgent"> : never) : never;

/** Events that describe a refusal: they are told even though the request failed. */
const REFUSALS = new Set<AuditEvent["type"]>(["sign-in-failed", "rate-limited"]);

export function isRefusal(record: AuditRecord): boolean {
  return REFUSALS.has(record.type);
}

/**
 * Tells the app's `onEvent` about `events`, in order, awaiting each. A listener that throws or
 * rejects is logged and never changes the answer (issue 10).
 */
export async function tell(
  listener: ((event: AuditEvent) => void | Promise<void>) | undefined,
  events: readonly AuditEvent[],
  logger: Pick<Console, "error">,
): Promise<void> {
  if (!listener) return;
  for (const event of events) {
    try {
      await listener(event);
    } catch (error) {
      logger.error(`kernia: onEvent failed for a ${event.type} event:`, error);
    }
  }
}
