// page.ts (server): render a page as the account its address names (?kernia_session=…).
import { KerniaError, tabSessionHeaders } from "kernia";
import { auth } from "./multi-session-server.js";

export async function currentUser(request: Request) {
  try {
    const session = await auth.api.getSession({ headers: tabSessionHeaders(request) });
    return session?.user ?? null;
  } catch (error) {
    // The address names an account this browser no longer holds: show the active one instead.
    if (error instanceof KerniaError && error.code === "TAB_SESSION_UNAVAILABLE") {
      return (await auth.api.getSession({ headers: request.headers }))?.user ?? null;
    }
    throw error;
  }
}
