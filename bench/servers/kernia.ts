// Kernia from ../../src with its multi-session plugin on node:http. run.mjs bundles this file
// with esbuild (packages stay external), so it measures the source as it is now.
// BENCH_DB is a SQLite file path or a postgres:// URL; BENCH_HASH sets hashConcurrency.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { kernia } from "../../src/index.js";
import { toNodeHandler } from "../../src/node/index.js";
import { multiSession } from "../../src/plugins/index.js";

const { BENCH_DB = "", BENCH_SECRET, BENCH_HASH } = process.env;
const server = createServer();
server.listen(0, "127.0.0.1", async () => {
  const { port } = server.address() as AddressInfo;
  const auth = kernia({
    database: BENCH_DB.startsWith("postgres://") ? BENCH_DB : `sqlite:${BENCH_DB}`,
    secret: BENCH_SECRET,
    baseURL: `http://127.0.0.1:${port}`,
    emailAndPassword: { enabled: true, ...(BENCH_HASH ? { hashConcurrency: Number(BENCH_HASH) } : {}) },
    // Off in both servers: every request of the run comes from one address.
    rateLimit: { enabled: false },
    plugins: [multiSession()],
  });
  await auth.migrate();
  const handle = toNodeHandler(auth);
  server.on("request", (req: IncomingMessage, res: ServerResponse) => void handle(req, res));
  process.send?.({ port });
});
