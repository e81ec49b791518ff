// What is measured: each workload names its servers and the wrk run(s) that make its load.
export const GET_SESSION = "/api/auth/get-session";
export const LIST = "/api/auth/multi-session/list-device-sessions";
const SIGN_IN = "/api/auth/sign-in/email";

/** Connections of the main load, and of the paced get-session probe (each pauses PROBE_DELAY_MS). */
export const CONNECTIONS = 50;
export const SIGN_INS = 4;
export const PROBE_CONNECTIONS = 2;
export const PROBE_DELAY_MS = 10;

const read = (server, path, jar) => ({ url: server.origin + path, cookie: server.seed[jar], connections: CONNECTIONS });
const signIn = (server) => ({
  url: server.origin + SIGN_IN,
  method: "POST",
  body: JSON.stringify(server.seed.signIn),
  origin: server.origin,
  connections: SIGN_INS,
});
const probe = (server) => ({ url: server.origin + GET_SESSION, cookie: server.seed.five, connections: PROBE_CONNECTIONS, delayMs: PROBE_DELAY_MS });

/**
 * `runs(server)` gives the wrk runs, started together; the first is the one the metrics are read
 * from (`main`), others are reported by name. `rss`: VmHWM is reset before the warm-up and read
 * after the measurement. `password`: runs only in the database phase chosen for password work.
 */
export const WORKLOADS = [
  { id: "get-session", title: "get-session, 5 accounts in the jar", servers: ["bare", "floor", "kernia", "kernia-cache", "better-auth"], rss: true, runs: (s) => [read(s, GET_SESSION, "five")] },
  { id: "list-1", title: "list-device-sessions, 1 account", servers: ["bare", "floor", "kernia", "better-auth"], runs: (s) => [read(s, LIST, "one")] },
  { id: "list-5", title: "list-device-sessions, 5 accounts", servers: ["bare", "floor", "kernia", "kernia-cache", "better-auth"], runs: (s) => [read(s, LIST, "five")] },
  { id: "list-10", title: "list-device-sessions, 10 accounts", servers: ["bare", "floor", "kernia", "better-auth"], runs: (s) => [read(s, LIST, "ten")] },
  { id: "sign-in", title: `sign-in, ${SIGN_INS} at a time (scrypt bound)`, servers: ["floor", "kernia", "better-auth"], password: true, runs: (s) => [signIn(s)] },
  { id: "probe-idle", title: "get-session probe, idle", servers: ["floor", "kernia", "better-auth"], password: true, runs: (s) => [probe(s)] },
  { id: "probe-busy", title: `get-session probe while ${SIGN_INS} sign-ins run`, servers: ["floor", "kernia", "better-auth"], password: true, runs: (s) => [probe(s), { ...signIn(s), name: "signin" }] },
  // Overload: the get-session load keeps the core busy, so hashes get only what the kernel's
  // priorities leave them. Read from it: sign-ins still finish, and how fast sessions are served.
  {
    id: "sign-in-flood",
    title: `sign-in, ${SIGN_INS} at a time, while get-session saturates the core`,
    servers: ["floor", "kernia", "better-auth"],
    password: true,
    runs: (s) => [signIn(s), { ...read(s, GET_SESSION, "five"), name: "flood" }],
  },
];
