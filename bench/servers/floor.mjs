// The floor: the least work that honestly answers get-session and list-device-sessions, in plain
// node:http. Parse the Cookie header, verify the signed cookies (Better Auth's `value.signature`
// format, HMAC-SHA256 with a key imported once), run one prepared join of session and user
// (one statement for K tokens on the list), check expiry, JSON.stringify the shape Kernia answers.
// Sign-in is scrypt (Kernia's parameters) off the event loop, one prepared select by email and one
// prepared insert. It seeds its own database (same tables and columns as Kernia) and sends the Cookie headers of
// its browsers to run.mjs with its port. BENCH_DB is a SQLite file path or a postgres:// URL.
import { Buffer } from "node:buffer";
import { createHmac, createSecretKey, randomBytes, scrypt, scryptSync, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import Database from "better-sqlite3";
import pg from "pg";

const { BENCH_DB = "", BENCH_SECRET = "" } = process.env;
const key = createSecretKey(Buffer.from(BENCH_SECRET, "utf8"));
const SESSION = "better-auth.session_token";
const LIST = "better-auth.session_list";
const mac = (value) => createHmac("sha256", key).update(value, "utf8").digest();
const sign = (value) => `${value}.${mac(value).toString("base64")}`;

/** The value of a signed cookie value, or null when its MAC does not match. */
function verify(signed, macPrefix = "") {
  const dot = signed.lastIndexOf(".");
  if (dot < 1 || signed.length - dot !== 45) return null;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1), "base64");
  return given.length === 32 && timingSafeEqual(mac(macPrefix + value), given) ? value : null;
}

function parseCookies(header) {
  const out = new Map();
  if (!header) return out;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

const COLUMNS = `s.id AS s_id, s.token AS s_token, s.userId AS s_userId, s.expiresAt AS s_expiresAt,
  s.createdAt AS s_createdAt, s.updatedAt AS s_updatedAt, s.ipAddress AS s_ipAddress, s.userAgent AS s_userAgent,
  u.id AS u_id, u.name AS u_name, u.email AS u_email, u.emailVerified AS u_emailVerified, u.image AS u_image,
  u.createdAt AS u_createdAt, u.updatedAt AS u_updatedAt`;
const quoted = (sql) => sql.replace(/\b(s|u|a)\.(\w+)/g, '$1."$2"').replace(/AS (\w+)/g, 'AS "$1"');
const iso = (d) => (d instanceof Date ? d.toISOString() : d);

function entry(row) {
  return {
    session: {
      id: row.s_id, token: row.s_token, userId: row.s_userId, expiresAt: iso(row.s_expiresAt),
      createdAt: iso(row.s_createdAt), updatedAt: iso(row.s_updatedAt), ipAddress: row.s_ipAddress, userAgent: row.s_userAgent,
    },
    user: {
      id: row.u_id, name: row.u_name, email: row.u_email, emailVerified: row.u_emailVerified === true || row.u_emailVerified === 1,
      image: row.u_image, createdAt: iso(row.u_createdAt), updatedAt: iso(row.u_updatedAt),
    },
  };
}

/** The store: byToken(token) and byTokens(tokens), each one prepared statement; `statements` counts them. */
async function openStore() {
  const store = { statements: 0 };
  const schema = (date, bool) => [
    `CREATE TABLE "user" (id text PRIMARY KEY, name text NOT NULL, email text NOT NULL UNIQUE, "emailVerified" ${bool} NOT NULL, image text, "createdAt" ${date} NOT NULL, "updatedAt" ${date} NOT NULL)`,
    `CREATE TABLE "session" (id text PRIMARY KEY, "expiresAt" ${date} NOT NULL, token text NOT NULL UNIQUE, "createdAt" ${date} NOT NULL, "updatedAt" ${date} NOT NULL, "ipAddress" text, "userAgent" text, "userId" text NOT NULL REFERENCES "user"(id) ON DELETE CASCADE)`,
    `CREATE INDEX session_userid ON "session"("userId")`,
    `CREATE TABLE "account" (id text PRIMARY KEY, "accountId" text NOT NULL, "providerId" text NOT NULL, "userId" text NOT NULL REFERENCES "user"(id) ON DELETE CASCADE, password text, "createdAt" ${date} NOT NULL, "updatedAt" ${date} NOT NULL)`,
    `CREATE INDEX account_userid ON "account"("userId")`,
  ];
  const USER = `u.id AS id, u.name AS name, u.email AS email, u.emailVerified AS emailVerified, u.image AS image,
    u.createdAt AS createdAt, u.updatedAt AS updatedAt, a.password AS password`;
  const byEmail = quoted(`SELECT ${USER} FROM "user" u JOIN "account" a ON a.userId = u.id AND a.providerId = 'credential' WHERE u.email`);
  if (BENCH_DB.startsWith("postgres://")) {
    const pool = new pg.Pool({ connectionString: BENCH_DB, max: 10 });
    for (const sql of schema("timestamptz", "boolean")) await pool.query(sql);
    const select = quoted(`SELECT ${COLUMNS} FROM "session" s JOIN "user" u ON u.id = s.userId WHERE s.token`);
    store.insert = (table, row) => {
      const names = Object.keys(row);
      return pool.query(`INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(", ")}) VALUES (${names.map((_, i) => `$${i + 1}`).join(", ")})`, Object.values(row));
    };
    store.byToken = async (token) => {
      store.statements++;
      return (await pool.query({ name: "by-token", text: `${select} = $1`, values: [token] })).rows[0];
    };
    store.byTokens = async (tokens) => {
      store.statements++;
      return (await pool.query({ name: "by-tokens", text: `${select} = ANY($1)`, values: [tokens] })).rows;
    };
    store.byEmail = async (email) => {
      store.statements++;
      return (await pool.query({ name: "by-email", text: `${byEmail} = $1`, values: [email] })).rows[0];
    };
    store.addSession = async (row) => {
      store.statements++;
      const text = `INSERT INTO "session" (id, "expiresAt", token, "createdAt", "updatedAt", "ipAddress", "userAgent", "userId") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
      await pool.query({ name: "add-session", text, values: Object.values(row) });
    };
    return store;
  }
  const db = new Database(BENCH_DB);
  db.pragma("journal_mode = WAL");
  for (const sql of schema("date", "integer")) db.exec(sql);
  const select = quoted(`SELECT ${COLUMNS} FROM "session" s JOIN "user" u ON u.id = s.userId WHERE s.token`);
  const one = db.prepare(`${select} = ?`);
  const many = new Map();
  store.insert = async (table, row) => {
    const names = Object.keys(row);
    db.prepare(`INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(", ")}) VALUES (${names.map(() => "?").join(", ")})`).run(...Object.values(row));
  };
  store.byToken = async (token) => {
    store.statements++;
    return one.get(token);
  };
  store.byTokens = async (tokens) => {
    store.statements++;
    let statement = many.get(tokens.length);
    if (!statement) many.set(tokens.length, (statement = db.prepare(`${select} IN (${tokens.map(() => "?").join(", ")})`)));
    return statement.all(...tokens);
  };
  const email = db.prepare(`${byEmail} = ?`);
  store.byEmail = async (address) => {
    store.statements++;
    return email.get(address);
  };
  const add = db.prepare(`INSERT INTO "session" (id, "expiresAt", token, "createdAt", "updatedAt", "ipAddress", "userAgent", "userId") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  store.addSession = async (row) => {
    store.statements++;
    add.run(...Object.values(row));
  };
  return store;
}

const notExpired = (row) => new Date(row.s_expiresAt).getTime() > Date.now();

async function getSession(store, cookies) {
  const raw = cookies.get(SESSION);
  const token = raw && verify(decodeURIComponent(raw));
  const row = token ? await store.byToken(token) : undefined;
  return row && notExpired(row) ? entry(row) : null;
}

async function listDeviceSessions(store, cookies) {
  const raw = cookies.get(LIST);
  const payload = raw && verify(decodeURIComponent(raw), `${LIST}\n`);
  if (!payload || !payload.startsWith("v1~")) {
    const active = await getSession(store, cookies);
    return active ? [active] : [];
  }
  const tokens = payload.slice(3).split("~");
  const found = new Map((await store.byTokens(tokens)).map((row) => [row.s_token, row]));
  const users = new Set();
  const out = [];
  // Most recently active (last listed) first, one per user.
  for (let i = tokens.length - 1; i >= 0; i--) {
    const row = found.get(tokens[i]);
    if (!row || !notExpired(row) || users.has(row.u_id)) continue;
    users.add(row.u_id);
    out.push(entry(row));
  }
  return out;
}

const SQLITE = !BENCH_DB.startsWith("postgres://");
const date = (d) => (SQLITE ? d.toISOString() : d);
const id = () => randomBytes(24).toString("base64url").replace(/[-_]/g, "x").slice(0, 32);
const WEEK = 7 * 24 * 3600 * 1000;
// Kernia's password hash: scrypt N=16384, r=16, p=1, 64 bytes; the salt's hex text is the salt.
const SCRYPT = { N: 16384, r: 16, p: 1, maxmem: 64 * 1024 * 1024 };
const hashPassword = (password) => {
  const salt = randomBytes(16).toString("hex");
  return `${salt}:${scryptSync(password.normalize("NFKC"), salt, 64, SCRYPT).toString("hex")}`;
};
const checkPassword = (password, stored) =>
  new Promise((resolve) => {
    const [salt, keyHex] = stored.split(":");
    scrypt(password.normalize("NFKC"), salt, 64, SCRYPT, (error, derived) => resolve(!error && timingSafeEqual(derived, Buffer.from(keyHex, "hex"))));
  });

async function signIn(store, req, res) {
  let text = "";
  for await (const chunk of req) text += chunk;
  const { email, password } = JSON.parse(text);
  const user = typeof email === "string" && typeof password === "string" ? await store.byEmail(email.toLowerCase()) : undefined;
  if (!user?.password || !(await checkPassword(password, user.password))) return json(res, 401, { code: "INVALID_EMAIL_OR_PASSWORD" });
  const now = new Date();
  const token = id();
  await store.addSession({ id: id(), expiresAt: date(new Date(now.getTime() + WEEK)), token, createdAt: date(now), updatedAt: date(now), ipAddress: req.socket.remoteAddress ?? null, userAgent: req.headers["user-agent"] ?? null, userId: user.id });
  res.setHeader("Set-Cookie", `${SESSION}=${encodeURIComponent(sign(token))}; Max-Age=${WEEK / 1000}; Path=/; HttpOnly; SameSite=Lax`);
  const shown = { ...user };
  delete shown.password;
  json(res, 200, { redirect: false, token, user: { ...shown, emailVerified: shown.emailVerified === true || shown.emailVerified === 1, createdAt: iso(shown.createdAt), updatedAt: iso(shown.updatedAt) } });
}

/**
 * Users and sessions for browsers with 1, 5 and 10 accounts, and an account with a password;
 * answers the browsers' Cookie headers and the credentials.
 */
async function seed(store, sqlite) {
  const now = new Date();
  const expires = new Date(now.getTime() + WEEK);
  const browser = async (label, count) => {
    const tokens = [];
    for (let i = 0; i < count; i++) {
      const userId = id();
      await store.insert("user", { id: userId, name: `${label}${i}`, email: `${label}${i}@bench.test`, emailVerified: sqlite ? 0 : false, image: null, createdAt: date(now), updatedAt: date(now) });
      const token = id();
      await store.insert("session", { id: id(), expiresAt: date(expires), token, createdAt: date(now), updatedAt: date(now), ipAddress: "127.0.0.1", userAgent: "kernia-bench", userId });
      tokens.push(token);
    }
    const list = `v1~${tokens.join("~")}`;
    const listCookie = sign(`${LIST}\n${list}`).slice(LIST.length + 1);
    const session = `${SESSION}=${encodeURIComponent(sign(tokens.at(-1)))}`;
    // As Kernia's multi-session plugin keeps it: the list cookie even for a single account.
    return `${session}; ${LIST}=${encodeURIComponent(listCookie)}`;
  };
  const signInUser = { id: id(), email: "signin@bench.test", password: "bench-password-1234" };
  await store.insert("user", { id: signInUser.id, name: "signin", email: signInUser.email, emailVerified: sqlite ? 0 : false, image: null, createdAt: date(now), updatedAt: date(now) });
  await store.insert("account", { id: id(), accountId: signInUser.id, providerId: "credential", userId: signInUser.id, password: hashPassword(signInUser.password), createdAt: date(now), updatedAt: date(now) });
  return {
    one: await browser("solo", 1),
    five: await browser("five", 5),
    ten: await browser("ten", 10),
    signIn: { email: signInUser.email, password: signInUser.password },
  };
}

function json(res, status, value) {
  res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
  res.end(JSON.stringify(value));
}

let requests = 0;
const store = await openStore();
const cookieJars = await seed(store, SQLITE);
const server = createServer(async (req, res) => {
  try {
    const path = req.url.split("?", 1)[0];
    if (path === "/__bench/sql-count") return json(res, 200, { statements: store.statements, requests });
    requests++;
    const cookies = parseCookies(req.headers.cookie);
    if (path === "/api/auth/get-session") return json(res, 200, await getSession(store, cookies));
    if (path === "/api/auth/multi-session/list-device-sessions") return json(res, 200, await listDeviceSessions(store, cookies));
    if (path === "/api/auth/sign-in/email" && req.method === "POST") return await signIn(store, req, res);
    json(res, 404, { code: "NOT_FOUND" });
  } catch (error) {
    console.error(error);
    json(res, 500, { code: "INTERNAL" });
  }
});
server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port, seed: cookieJars }));
