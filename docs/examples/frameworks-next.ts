// Next.js App Router. A route handler gets a Request and no socket, so the client's address is
// the last X-Forwarded-For entry: the one the server or proxy in front of Next added, which the
// client cannot choose. List that proxy in advanced.trustedProxies when it forwards for several
// clients.
import type { Auth } from "kernia";

export function toNextJsHandler(auth: Auth) {
  const handler = (request: Request) => {
    const hops = request.headers.get("x-forwarded-for")?.split(",") ?? [];
    return auth.handler(request, { ip: hops.at(-1)?.trim() || null });
  };
  return { GET: handler, POST: handler };
}
