import { getSession } from "./get-session.js";
import { ok } from "./ok.js";
import { listSessions, revokeOtherSessions, revokeSession, revokeSessions } from "./sessions.js";
import { signInEmail } from "./sign-in-email.js";
import { signOut } from "./sign-out.js";
import { signUpEmail } from "./sign-up-email.js";

/** The core endpoints, by their `auth.api` names (Better Auth's). */
export const coreEndpoints = {
  signUpEmail,
  signInEmail,
  signOut,
  getSession,
  listSessions,
  revokeSession,
  revokeSessions,
  revokeOtherSessions,
  ok,
};
