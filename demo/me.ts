import type { IncomingMessage, ServerResponse } from "node:http";
import { KerniaError, type Auth } from "../src/index.js";

/**
 * `GET /api/me`: an app route of the demo's own, answering which account the request acts as,
 * the way any app's API would: `auth.api.getSession` with the request's headers. A tab acting as
 * its own account sends `x-kernia-session-id`, so the route sees that account, not the browser's.
 */
export async function answerMe(auth: Auth, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  let status = 200;
  let body: { email: string | null; code?: string };
  try {
    const session = await auth.api.getSession({ headers });
    body = { email: session?.user.email ?? null };
  } catch (error) {
    status = error instanceof KerniaError ? error.status : 500;
    body = { email: null, code: error instanceof KerniaError ? error.code : "INTERNAL_SERVER_ERROR" };
  }
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}
