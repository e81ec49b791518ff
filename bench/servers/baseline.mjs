// `bare`: a node:http server answering one fixed JSON body (the size of a get-session answer)
// to every request (but GET /__bench/sql-count, which answers
// the requests served), so the numbers show what Node and wrk cost on their own on this machine.
import { createServer } from "node:http";

const body = JSON.stringify({
  session: {
    id: "S".repeat(32),
    token: "T".repeat(32),
    userId: "U".repeat(32),
    expiresAt: "2030-01-08T00:00:00.000Z",
    createdAt: "2030-01-01T00:00:00.000Z",
    updatedAt: "2030-01-01T00:00:00.000Z",
    ipAddress: "127.0.0.1",
    userAgent: "bench",
  },
  user: {
    id: "U".repeat(32),
    name: "Bench User",
    email: "bench@example.com",
    emailVerified: false,
    image: null,
    createdAt: "2030-01-01T00:00:00.000Z",
    updatedAt: "2030-01-01T00:00:00.000Z",
  },
});

let requests = 0;
const server = createServer((req, res) => {
  if (req.url === "/__bench/sql-count") {
    res.writeHead(200, { "Content-Type": "application/json" });
    return res.end(JSON.stringify({ statements: 0, requests }));
  }
  requests++;
  // Drain any request body before answering, as the auth servers must.
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
    res.end(body);
  });
});
server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }));
