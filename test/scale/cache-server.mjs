// One Kernia process for test/scale/session-cache.test.ts: the built package on DATABASE_URL
// with redisStorage(REDIS_URL) and sessionCache on. GET /__sql answers the SQL statements run so
// far. Prints {"port": n} on stdout once listening; stops on SIGTERM.
import { createServer } from "node:http";
import { kernia, redisStorage } from "../../dist/src/index.js";
import { toNodeHandler } from "../../dist/src/node/index.js";
import { multiSession } from "../../dist/src/plugins/index.js";

const { DATABASE_URL, REDIS_URL, KERNIA_SECRET, PUBLIC_ORIGIN } = process.env;
let statements = 0;
const storage = redisStorage(REDIS_URL);
const auth = kernia({
  database: { url: DATABASE_URL, log: (event) => void (event.level === "query" && statements++) },
  secret: KERNIA_SECRET,
  baseURL: PUBLIC_ORIGIN,
  secondaryStorage: storage,
  sessionCache: true,
  plugins: [multiSession()],
});
await auth.migrate();
const handle = toNodeHandler(auth);
const server = createServer((req, res) => {
  if (req.url === "/__sql") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ statements }));
    return;
  }
  void handle(req, res);
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.once("SIGTERM", () => {
  server.closeAllConnections();
  server.close(async () => {
    await auth.close();
    await storage.close();
    process.exit(0);
  });
});
