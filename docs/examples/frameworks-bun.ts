// Bun: the peer address comes from server.requestIP.
import { auth } from "./frameworks-auth.js";

Bun.serve({
  port: 3000,
  fetch: (request, server) => auth.handler(request, { ip: server.requestIP(request)?.address }),
});
