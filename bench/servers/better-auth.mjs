// Better Auth 1.7 with its multi-session plugin, configured as its docs show, on node:http.
// BENCH_DB is a SQLite file path or a postgres:// URL.
import { createServer } from "node:http";
import Database from "better-sqlite3";
import pg from "pg";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { toNodeHandler } from "better-auth/node";
import { multiSession } from "better-auth/plugins";

const { BENCH_DB, BENCH_SECRET } = process.env;
const server = createServer();
server.listen(0, "127.0.0.1", async () => {
  const { port } = server.address();
  const database = BENCH_DB.startsWith("postgres://")
    ? new pg.Pool({ connectionString: BENCH_DB, max: 10 })
    : new Database(BENCH_DB);
  const options = {
    database,
    secret: BENCH_SECRET,
    baseURL: `http://127.0.0.1:${port}`,
    emailAndPassword: { enabled: true },
    // Off in both servers: every request of the run comes from one address.
    rateLimit: { enabled: false },
    plugins: [multiSession()],
  };
  const { runMigrations } = await getMigrations(options);
  await runMigrations();
  const auth = betterAuth(options);
  server.on("request", toNodeHandler(auth));
  process.send({ port });
});
