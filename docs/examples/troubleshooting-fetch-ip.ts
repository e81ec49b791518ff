// A Fetch host: pass the peer's address so each client gets its own rate-limit budget.
import type { Auth } from "kernia";

export function authRoute(auth: Auth) {
  return (request: Request, peer: { address: string }) => auth.handler(request, { ip: peer.address });
}
