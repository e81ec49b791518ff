// What is measured. Counts are fixed (times `scale`); every stream stops by itself.
const GET_SESSION = "/api/auth/get-session";
const LIST = "/api/auth/multi-session/list-device-sessions";

function get(server, path, cookie) {
  return { port: server.port, path, method: "GET", headers: { cookie: cookie ?? "", "user-agent": "kernia-bench" } };
}

function signIn(server) {
  return {
    port: server.port,
    path: "/api/auth/sign-in/email",
    method: "POST",
    headers: { "content-type": "application/json", origin: server.origin, "user-agent": "kernia-bench" },
    body: JSON.stringify(server.seed.signIn),
  };
}

/**
 * `headline` names the stream a scenario is judged by. The hash variants run where passwords
 * are hashed; `kernia` runs Kernia's default (hashConcurrency = cores).
 */
export function scenarios({ scale, cores }) {
  const n = (count) => Math.max(1, Math.round(count * scale));
  const reads = ["baseline", "kernia", "better-auth"];
  const hashing = ["kernia-h1", "kernia-h2", "kernia-h4", "kernia-h4-uv8", "kernia", "better-auth"].filter((id) => id !== `kernia-h${cores}`);
  const read = (id, path, which) => ({
    id,
    headline: "main",
    servers: reads,
    streams: (s) => [{ name: "main", target: get(s, path, s.seed?.[which]), count: n(4000), concurrency: 10, warmup: n(300) }],
  });
  return [
    read("get-session", GET_SESSION, "one"),
    read("list-device-sessions (1 account)", LIST, "one"),
    read("list-device-sessions (5 accounts)", LIST, "five"),
    {
      id: "sign-in/email",
      headline: "main",
      servers: hashing,
      streams: (s) => [{ name: "main", target: signIn(s), count: n(96), concurrency: 8 }],
    },
    {
      // The reference for the next one: the same paced session checks with no sign-ins.
      id: "get-session at 100/s, idle",
      headline: "main",
      servers: hashing,
      streams: (s) => [{ name: "main", target: get(s, GET_SESSION, s.seed.one), rate: 100, cap: n(300), warmup: n(100) }],
    },
    {
      // DESIGN.md's scrypt-contention case: page loads keep arriving while 8 sign-ins are in flight.
      id: "get-session at 100/s, during sign-ins",
      headline: "main",
      servers: hashing,
      streams: (s) => [
        { name: "signin", target: signIn(s), count: n(128), concurrency: 8 },
        { name: "main", target: get(s, GET_SESSION, s.seed.one), rate: 100, cap: n(20000), warmup: n(100) },
      ],
    },
  ];
}
