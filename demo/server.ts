import { createServer } from "node:http";
import { kernia } from "../src/index.js";
import { multiSession } from "../src/plugins/index.js";
import { toNodeHandler } from "../src/node/index.js";
import { databaseUrl, resolveSecret } from "../src/cli/env.js";

/** The demo server: Kernia at /api/auth on one Node process. `npm start` runs it. */
const port = Number(process.env.PORT ?? 3000);
const baseURL = process.env.KERNIA_BASE_URL ?? `http://localhost:${port}`;
const maximum = Number(process.env.KERNIA_MULTI_SESSION_MAXIMUM ?? 5);

const auth = kernia({
  database: databaseUrl(),
  secret: resolveSecret(),
  baseURL,
  plugins: [multiSession({ maximum })],
});
await auth.migrate();

const authHandler = toNodeHandler(auth);
const server = createServer((req, res) => {
  if (req.url?.startsWith("/api/auth/")) return void authHandler(req, res);
  if (req.method === "GET" && (req.url === "/" || req.url === "")) {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><title>Kernia</title><h1>Kernia is running</h1><p>Endpoints at <code>/api/auth</code>.</p>`);
    return;
  }
  res.writeHead(404, { "Content-Type": "text/plain" });
  res.end("Not found");
});

server.listen(port, () => console.log(`Kernia demo on ${baseURL}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => void auth.close().then(() => process.exit(0))));
}
