// Better Auth 1.7 with its multi-session plugin, configured as its docs show, on node:http.
// BENCH_DB is a SQLite file path or a postgres:// URL. GET /__bench/sql-count answers the SQL
// statements run so far and the requests served: every statement Better Auth's Kysely runs goes through
// better-sqlite3's prepare() or a pooled pg client's query(), and both are counted.
import { createServer } from "node:http";
import Database from "better-sqlite3";
import pg from "pg";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { toNodeHandler } from "better-auth/node";
import { multiSession } from "better-auth/plugins";

const { BENCH_DB, BENCH_SECRET } = process.env;
let statements = 0;
let requests = 0;

function countedDatabase() {
  if (BENCH_DB.startsWith("postgres://")) {
    const pool = new pg.Pool({ connectionString: BENCH_DB, max: 10 });
    pool.on("connect", (client) => {
      const query = client.query.bind(client);
      client.query = (...args) => {
        statements++;
        return query(...args);
      };
    });
    return pool;
  }
  const db = new Database(BENCH_DB);
  const prepare = db.prepare.bind(db);
  db.prepare = (source) => {
    statements++;
    return prepare(source);
  };
  return db;
}

const server = createServer();
server.listen(0, "127.0.0.1", async () => {
  const { port } = server.address();
  const options = {
    database: countedDatabase(),
    secret: BENCH_SECRET,
    baseURL: `http://127.0.0.1:${port}`,
    emailAndPassword: { enabled: true },
    // Off in both servers: every request of the run comes from one address.
    rateLimit: { enabled: false },
    // Ten accounts in one browser for the list-device-sessions (10 accounts) workload.
    plugins: [multiSession({ maximumSessions: 10 })],
  };
  const { runMigrations } = await getMigrations(options);
  await runMigrations();
  const auth = betterAuth(options);
  const handle = toNodeHandler(auth);
  server.on("request", (req, res) => {
    if (req.url === "/__bench/sql-count") {
      res.writeHead(200, { "Content-Type": "application/json" });
      return res.end(JSON.stringify({ statements, requests }));
    }
    requests++;
    return handle(req, res);
  });
  process.send({ port });
});
