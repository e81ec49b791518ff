// server.ts: the mount keeps its path; only the import changes.
import { createServer } from "node:http";
import { toNodeHandler } from "kernia/node"; // was: import { toNodeHandler } from "better-auth/node";
import { auth } from "./migrating-after.js";

export const server = createServer(toNodeHandler(auth));
// server.listen(3000);
