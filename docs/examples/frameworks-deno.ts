// Deno: the peer address comes from the handler's second argument.
import { auth } from "./frameworks-auth.js";

Deno.serve({ port: 3000 }, (request, info) => auth.handler(request, { ip: info.remoteAddr.hostname }));
