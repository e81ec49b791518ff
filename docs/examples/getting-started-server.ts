// server.ts: Kernia on node:http at /api/auth, with multi-session, on a SQLite file.
import { createServer } from "node:http";
import { kernia } from "kernia";
import { multiSession } from "kernia/plugins";
import { toNodeHandler } from "kernia/node";

export const auth = kernia({
  database: process.env.DATABASE_URL ?? "sqlite:.kernia/kernia.db",
  secret: process.env.KERNIA_SECRET, // from `npx kernia secret`
  baseURL: process.env.KERNIA_BASE_URL ?? "http://localhost:3000", // the URL your users open
  plugins: [multiSession({ maximum: 5 })],
});

await auth.migrate(); // creates the tables on first start; a no-op afterwards
createServer(toNodeHandler(auth)).listen(3000);
