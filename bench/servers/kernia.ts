// Kernia from ../../src with its multi-session plugin on node:http. run.mjs bundles this file
// with esbuild (packages stay external), so it measures the source as it is now.
// BENCH_DB is a SQLite file path or a postgres:// URL; BENCH_HASH sets hashConcurrency and
// BENCH_HASH_PRIORITY hashPriority ("low" or "normal");
// BENCH_CACHE, when set, is passed as the `sessionCache` option (JSON, or `true`), for builds of
// Kernia that have one. GET /__bench/sql-count answers the SQL statements run so far (Kysely's
// `log` hook) and the requests served, answered before Kernia sees the request.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { kernia } from "../../src/index.js";
import { toNodeHandler } from "../../src/node/index.js";
import { multiSession } from "../../src/plugins/index.js";

const { BENCH_DB = "", BENCH_SECRET, BENCH_HASH, BENCH_HASH_PRIORITY, BENCH_CACHE } = process.env;
let statements = 0;
let requests = 0;
// Exit normally on SIGINT, so that `node --cpu-prof` (bench/profile.mjs) writes its profile.
process.once("SIGINT", () => process.exit(0));
const server = createServer();
server.listen(0, "127.0.0.1", async () => {
  const { port } = server.address() as AddressInfo;
  // Typed as a plain object so that a Kernia without the option still compiles; run.mjs only
  // starts the cache variant when src/options.ts declares `sessionCache`.
  const cache: object = BENCH_CACHE ? { sessionCache: JSON.parse(BENCH_CACHE) as unknown } : {};
  const auth = kernia({
    database: { url: BENCH_DB.startsWith("postgres://") ? BENCH_DB : `sqlite:${BENCH_DB}`, log: () => void statements++ },
    secret: BENCH_SECRET,
    baseURL: `http://127.0.0.1:${port}`,
    emailAndPassword: {
      enabled: true,
      ...(BENCH_HASH ? { hashConcurrency: Number(BENCH_HASH) } : {}),
      ...(BENCH_HASH_PRIORITY === "low" || BENCH_HASH_PRIORITY === "normal" ? { hashPriority: BENCH_HASH_PRIORITY } : {}),
    },
    // Off in both servers: every request of the run comes from one address.
    rateLimit: { enabled: false },
    // Ten accounts in one browser for the list-device-sessions (10 accounts) workload.
    plugins: [multiSession({ maximum: 10 })],
    ...cache,
  });
  await auth.migrate();
  const handle = toNodeHandler(auth);
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === "/__bench/sql-count") {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ statements, requests }));
      return;
    }
    requests++;
    void handle(req, res);
  });
  process.send?.({ port });
});
