/**
 * The wire names of per-tab accounts, shared by the server and the client: the header a tab
 * names its account with, and the query parameter of a page opened as one account.
 */

/** Carries the session id of the account a tab acts as; honoured only for this browser's own sessions. */
export const TAB_SESSION_HEADER = "x-kernia-session-id";

/** Opens a page as one account: `?kernia_session=<session id>`. */
export const TAB_SESSION_PARAM = "kernia_session";
