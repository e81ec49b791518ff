import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { kernia, redisStorage } from "../src/index.js";
import { toNodeHandler } from "../src/node/index.js";
import { multiSession } from "../src/plugins/index.js";
import { resolveSecret } from "../src/cli/env.js";
import { readDemoConfig } from "./config.js";
import { createStaticHandler } from "./static.js";
import { answerMe } from "./me.js";

/**
 * The demo app, one Node process: Kernia at /api/auth and the React client that
 * `npm run build` bundled into ./public. `npm start` runs it; it builds nothing at run time.
 */
async function start(): Promise<void> {
  const config = readDemoConfig();
  const secondaryStorage = config.redisUrl ? redisStorage(config.redisUrl) : undefined;
  const auth = kernia({
    database: config.database,
    secret: resolveSecret(),
    baseURL: config.baseURL,
    ...(secondaryStorage && { secondaryStorage }),
    plugins: [multiSession({ maximum: config.maximum })],
  });
  await auth.migrate();

  const serveAuth = toNodeHandler(auth);
  const serveStatic = createStaticHandler(fileURLToPath(new URL("./public/", import.meta.url)));
  const server = createServer((req, res) => {
    if (req.url === "/api/auth" || req.url?.startsWith("/api/auth/")) void serveAuth(req, res);
    else if (req.url === "/api/me") void answerMe(auth, req, res);
    else serveStatic(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, resolve);
  });
  console.log(`Kernia demo on ${config.baseURL} (up to ${config.maximum} accounts per browser)`);

  const stop = () => {
    server.close(() => {
      void Promise.all([auth.close(), secondaryStorage?.close()]).finally(() => process.exit(0));
    });
    // Keep-alive connections would hold close() open; the demo has nothing to drain.
    server.closeAllConnections();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

start().catch((error: unknown) => {
  // Kernia's own messages already start with "kernia:"; say it once, then the causes.
  const message = error instanceof Error ? error.message : String(error);
  console.error(message.startsWith("kernia") ? message : `kernia demo: ${message}`);
  for (let cause = (error as { cause?: unknown })?.cause; cause; cause = (cause as { cause?: unknown }).cause) {
    console.error(`  caused by: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  process.exit(1);
});
