// node:http: Kernia answers under /api/auth, your app everything else.
import { createServer, type RequestListener } from "node:http";
import type { Auth } from "kernia";
import { toNodeHandler } from "kernia/node";

export function createAppServer(auth: Auth, app: RequestListener) {
  const authHandler = toNodeHandler(auth); // passes the socket's address as the client's
  return createServer((req, res) => {
    if (req.url?.startsWith("/api/auth/")) void authHandler(req, res);
    else app(req, res);
  });
}

// createAppServer(auth, yourApp).listen(3000);
