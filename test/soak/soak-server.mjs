// The process the soak drives: Kernia from dist/ (as `npm run build` leaves it) on SQLite, with
// rate limits on, multi-session, behind node:http. Started by soak.test.ts with --expose-gc and an
// IPC channel; a "measure" message answers the heap after full collections, the open connections
// and the process's listener counts. Every process warning is sent to the parent as it happens.
import { Buffer } from "node:buffer";
import { createServer } from "node:http";
import { join } from "node:path";

const dist = new URL("../../dist/src/", import.meta.url);
const { kernia } = await import(new URL("index.js", dist).href);
const { toNodeHandler } = await import(new URL("node/index.js", dist).href);
const { multiSession } = await import(new URL("plugins/index.js", dist).href);

const baseURL = process.env.SOAK_BASE_URL;
process.on("warning", (warning) => process.send?.({ type: "warning", text: `${warning.name}: ${warning.message}` }));

const auth = kernia({
  database: `sqlite://${join(process.env.SOAK_DIR, "soak.db")}`,
  secret: process.env.SOAK_SECRET,
  baseURL,
  // The soak's clients come through loopback and name themselves in X-Forwarded-For, so each
  // browser has its own rate-limit budget. Sign-in and sign-up get tight budgets (each one allowed
  // costs a password hash, which would otherwise make the soak a hashing benchmark) and answer 429
  // under the soak; the other paths get a budget the soak does not reach.
  advanced: { trustedProxies: ["127.0.0.1"] },
  rateLimit: {
    enabled: true,
    window: 10,
    max: 1_000_000,
    customRules: { "/sign-in/email": { window: 30, max: 2 }, "/sign-up/email": { window: 60, max: 1 } },
  },
  plugins: [multiSession({ maximum: 5 })],
});
await auth.migrate();

const serve = toNodeHandler(auth);
// For the soak's own check that its heap bound can fail: SOAK_LEAK_BYTES makes this server keep
// that many bytes per request forever, the shape of a per-request cache that is never trimmed.
const leakBytes = Number(process.env.SOAK_LEAK_BYTES ?? 0);
const leaked = [];
const server = createServer((req, res) => {
  if (leakBytes > 0) leaked.push(Buffer.alloc(leakBytes, 1).toString("latin1"));
  void serve(req, res);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));

function listenerCounts() {
  const count = (emitter) => emitter.eventNames().reduce((sum, name) => sum + emitter.listenerCount(name), 0);
  return { process: count(process), server: count(server) };
}

process.on("message", (message) => {
  if (message?.type === "measure") {
    // Several passes: weak references and finalizers free more on a second collection.
    for (let i = 0; i < 4; i++) globalThis.gc();
    server.getConnections((error, connections) => {
      const { heapUsed, rss, external } = process.memoryUsage();
      process.send?.({ type: "measured", heapUsed, rss, external, connections: error ? -1 : connections, listeners: listenerCounts() });
    });
  } else if (message?.type === "stop") {
    server.close(() => void auth.close().finally(() => process.exit(0)));
    server.closeAllConnections();
  }
});

process.send?.({ type: "ready", port: server.address().port });
