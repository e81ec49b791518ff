import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DIALECTS, type TestDatabase } from "../support/dialects.js";
import {
  createHttpBrowser,
  migrateWithBetterAuth,
  plainPost,
  startBetterAuth,
  startKernia,
  type HttpAnswer,
  type RunningServer,
} from "../support/parity-servers.js";

/**
 * The same scripted visit, request for request, against Better Auth 1.7 with its multi-session
 * plugin and against Kernia, each a real HTTP server on its own SQLite file. Every answer is reduced
 * to what an app or a browser can observe (status, error code and message, the JSON keys and value
 * types of the body all the way down, emails and booleans by value, Cache-Control, Content-Type,
 * and every Set-Cookie with its attributes), and the two reductions are compared field by field.
 *
 * A field that differs must be claimed by an entry of ALLOWED, each a behaviour the design brief
 * says Kernia does on purpose, or of PENDING, a difference reported for Kernia to fix. An entry that
 * claims nothing fails too, so the lists say what differs today, no more and no less. Both are
 * printed with the suite's output.
 */
const SECRET = "parity-secret-0123456789-abcdefghijklmnop";
const PASSWORD = "correct horse battery staple";
const MAXIMUM = 3;
const EVIL = "https://evil.example";
const HTTPS_APP = "https://app.example.com";
const [ADA, BOB, CY, DEE, EVE] = ["ada", "bob", "cy", "dee", "eve"].map((name) => `${name}@example.com`) as [string, string, string, string, string];

type Observation = Record<string, string | number | boolean>;
type Observations = Map<string, Observation>;
type Entry = { session: { id: string; token: string }; user: { email: string } };

/** Values compared as they are; every other string is compared by kind ("date" or "string"). */
const LITERAL_KEYS = new Set(["email", "name", "code", "message"]);
const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Flattens a JSON value to `path → kind` (objects by key, arrays by index and length). */
function flatten(value: unknown, path: string, out: Observation): void {
  const key = path.split(".").pop()?.replace(/\[\d+\]$/, "") ?? "";
  if (value === null) out[path] = "null";
  else if (Array.isArray(value)) {
    out[`${path}.length`] = value.length;
    value.forEach((item, i) => flatten(item, `${path}[${i}]`, out));
  } else if (typeof value === "object") {
    const keys = Object.keys(value).sort();
    if (!keys.length) out[path] = "{}";
    for (const k of keys) flatten((value as Record<string, unknown>)[k], `${path}.${k}`, out);
  } else if (typeof value === "boolean") out[path] = value;
  else if (typeof value === "string") out[path] = LITERAL_KEYS.has(key) ? value : ISO_Z.test(value) ? "date" : "string";
  else out[path] = typeof value;
}

/** A cookie's name with Better Auth's per-session suffix (which holds a token) made generic. */
const cookieName = (name: string) => name.replace(/_multi-.*$/, "_multi-<token>");

/** A cookie value's format: a signed session token, another signed value, or something else. */
function valueKind(raw: string): string {
  const value = decodeURIComponent(raw);
  if (/^[A-Za-z0-9]{32}\.[A-Za-z0-9+/]{43}=$/.test(value)) return "signed token";
  if (/^[^.]+\.[A-Za-z0-9+/]{43}=$/.test(value)) return "signed value";
  return "other";
}

/** What a browser and an app can see of one answer. */
function observe(answer: HttpAnswer): Observation {
  const out: Observation = { status: answer.status };
  out["header content-type"] = answer.headers.get("content-type")?.split(";")[0] ?? "absent";
  out["header cache-control"] = answer.headers.get("cache-control") ?? "absent";
  if (!answer.text) out.body = "empty";
  else if (answer.body === undefined) out.body = "not JSON";
  else flatten(answer.body, "body", out);
  for (const line of answer.setCookies) {
    const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
    const eq = pair.indexOf("=");
    const name = `cookie ${cookieName(pair.slice(0, eq))}`;
    const attrs = new Map(attributes.map((a) => [a.split("=")[0]!.toLowerCase(), a.includes("=") ? a.slice(a.indexOf("=") + 1) : true] as const));
    const maxAge = attrs.get("max-age");
    const cleared = pair.slice(eq + 1) === "" || maxAge === "0";
    out[name] = cleared ? "cleared" : "set";
    out[`${name} value`] = cleared ? "none" : valueKind(pair.slice(eq + 1));
    out[`${name} Path`] = String(attrs.get("path") ?? "none");
    out[`${name} HttpOnly`] = attrs.has("httponly");
    out[`${name} Secure`] = attrs.has("secure");
    out[`${name} SameSite`] = String(attrs.get("samesite") ?? "none").toLowerCase();
    out[`${name} Domain`] = String(attrs.get("domain") ?? "none");
    out[`${name} Max-Age`] = maxAge === undefined ? "none" : Number(maxAge);
  }
  return out;
}

/** The scripted visit. Both servers get the same requests; tokens come from each one's answers. */
async function runScript(server: RunningServer): Promise<Observations> {
  const seen: Observations = new Map();
  const record = (step: string, answer: HttpAnswer) => {
    if (seen.has(step)) throw new Error(`step "${step}" is recorded twice`);
    seen.set(step, observe(answer));
    return answer;
  };
  const browser = () => createHttpBrowser(server.origin);
  const anon = () => browser();
  const signUp = (email: string, extra: Record<string, unknown> = {}) => ({ name: email.split("@")[0], email, password: PASSWORD, ...extra });
  const signIn = (email: string, extra: Record<string, unknown> = {}) => ({ email, password: PASSWORD, ...extra });

  // Sign-up, and every way to get it wrong.
  const b = browser();
  record("sign-up", await b.post("/sign-up/email", signUp(ADA)));
  record("sign-up: email taken", await anon().post("/sign-up/email", signUp(ADA)));
  record("sign-up: email taken, in upper case", await anon().post("/sign-up/email", signUp(ADA.toUpperCase())));
  record("sign-up: password too short", await anon().post("/sign-up/email", signUp("x1@example.com", { password: "short" })));
  record("sign-up: password too long", await anon().post("/sign-up/email", signUp("x2@example.com", { password: "p".repeat(129) })));
  record("sign-up: missing email", await anon().post("/sign-up/email", { name: "X", password: PASSWORD }));
  record("sign-up: missing name", await anon().post("/sign-up/email", { email: "x3@example.com", password: PASSWORD }));
  record("sign-up: missing password", await anon().post("/sign-up/email", { name: "X", email: "x4@example.com" }));
  record("sign-up: email not a string", await anon().post("/sign-up/email", signUp("x5@example.com", { email: 42 })));
  record("sign-up: name not a string", await anon().post("/sign-up/email", signUp("x6@example.com", { name: ["X"] })));
  record("sign-up: malformed email", await anon().post("/sign-up/email", signUp("not-an-email")));
  record("sign-up: image and callbackURL", await anon().post("/sign-up/email", signUp("fay@example.com", { image: "https://example.com/a.png", callbackURL: "/welcome" })));
  record("sign-up: unknown key", await anon().post("/sign-up/email", signUp(EVE, { role: "admin" })));
  record("sign-up: body not JSON", await anon().post("/sign-up/email", undefined, { raw: "{" }));
  record("sign-up: no body", await anon().post("/sign-up/email"));
  record("sign-up: body a JSON array", await anon().post("/sign-up/email", undefined, { raw: "[]" }));

  // get-session.
  record("get-session: no cookie", await anon().get("/get-session"));
  record("get-session", await b.get("/get-session"));
  const token = b.jar.get("better-auth.session_token")!;
  const forged = encodeURIComponent(`${decodeURIComponent(token).split(".")[0]}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`);
  record("get-session: bad signature", await anon().get("/get-session", { cookie: `better-auth.session_token=${forged}` }));

  // Sign-in.
  record("sign-in: wrong password", await anon().post("/sign-in/email", signIn(ADA, { password: "wrong password" })));
  record("sign-in: unknown email", await anon().post("/sign-in/email", signIn("nobody@example.com")));
  record("sign-in: missing password", await anon().post("/sign-in/email", { email: ADA }));
  record("sign-in: password not a string", await anon().post("/sign-in/email", signIn(ADA, { password: 12345678 })));
  record("sign-in: email in upper case", await anon().post("/sign-in/email", signIn(ADA.toUpperCase())));
  record("sign-in: callbackURL", await anon().post("/sign-in/email", signIn(ADA, { callbackURL: "/dashboard" })));
  record("sign-in: rememberMe false", await anon().post("/sign-in/email", signIn(ADA, { rememberMe: false })));

  // Three accounts in one browser.
  record("sign-up: second account in the browser", await b.post("/sign-up/email", signUp(BOB)));
  record("sign-up: third account in the browser", await b.post("/sign-up/email", signUp(CY)));
  const listed = record("list-device-sessions", await b.get("/multi-session/list-device-sessions"));
  const entries = listed.body as Entry[];
  const of = (email: string) => entries.find((e) => e.user.email === email)!.session;
  record("get-session: the newest account is active", await b.get("/get-session"));
  record("set-active", await b.post("/multi-session/set-active", { sessionToken: of(ADA).token }));
  record("get-session after set-active", await b.get("/get-session"));
  record("set-active: unlisted token", await b.post("/multi-session/set-active", { sessionToken: "x".repeat(32) }));
  record("set-active: missing sessionToken", await b.post("/multi-session/set-active", {}));
  record("set-active: sessionToken not a string", await b.post("/multi-session/set-active", { sessionToken: 1 }));
  // Steps where the two are meant to end in different states; the switch after them brings both back to Ada.
  record("set-active: listed token in upper case", await b.post("/multi-session/set-active", { sessionToken: of(BOB).token.toUpperCase() }));
  record("get-session after set-active in upper case", await b.get("/get-session"));
  record("set-active: foreign Origin", await b.post("/multi-session/set-active", { sessionToken: of(CY).token }, { headers: { origin: EVIL } }));
  record("set-active: by sessionId", await b.post("/multi-session/set-active", { sessionId: of(BOB).id }));
  await b.post("/multi-session/set-active", { sessionToken: of(ADA).token });
  record("list-sessions", await b.get("/list-sessions"));

  // Signing in again replaces the account's entry; revoking another account, then the active one.
  record("sign-in: account already in the browser", await b.post("/sign-in/email", signIn(ADA)));
  const again = record("list-device-sessions after signing in again", await b.get("/multi-session/list-device-sessions")).body as Entry[];
  const ada = again.find((e) => e.user.email === ADA)!.session;
  record("multi-session revoke: another account", await b.post("/multi-session/revoke", { sessionToken: of(BOB).token }));
  record("get-session after revoking another account", await b.get("/get-session"));
  record("multi-session revoke: the active account", await b.post("/multi-session/revoke", { sessionToken: ada.token }));
  record("get-session after revoking the active account", await b.get("/get-session"));
  record("multi-session revoke: unlisted token", await b.post("/multi-session/revoke", { sessionToken: "x".repeat(32) }));
  record("multi-session revoke: missing sessionToken", await b.post("/multi-session/revoke", {}));
  record("multi-session revoke: sessionToken not a string", await b.post("/multi-session/revoke", { sessionToken: false }));

  // The core session endpoints (the active account is Cy's now).
  record("revoke-session: missing token", await b.post("/revoke-session", {}));
  record("revoke-session: token not a string", await b.post("/revoke-session", { token: 7 }));
  record("revoke-session: unknown token", await b.post("/revoke-session", { token: "x".repeat(32) }));
  record("revoke-other-sessions", await b.post("/revoke-other-sessions"));
  record("revoke-sessions", await b.post("/revoke-sessions"));
  record("get-session after revoke-sessions", await b.get("/get-session"));
  for (const [path, method] of [
    ["/list-sessions", "GET"],
    ["/revoke-session", "POST"],
    ["/revoke-sessions", "POST"],
    ["/revoke-other-sessions", "POST"],
    ["/multi-session/list-device-sessions", "GET"],
    ["/multi-session/set-active", "POST"],
    ["/multi-session/revoke", "POST"],
    ["/sign-out", "POST"],
  ] as const) {
    const body = method === "GET" ? undefined : path.includes("multi-session") ? { sessionToken: "x".repeat(32) } : path === "/revoke-session" ? { token: "x".repeat(32) } : undefined;
    record(`${path}: no cookie`, await anon().send(method, path, { body }));
  }

  // Origin checks, on a signed-in browser.
  const o = browser();
  record("sign-in", await o.post("/sign-in/email", signIn(BOB)));
  record("sign-out: foreign Origin", await o.post("/sign-out", undefined, { headers: { origin: EVIL } }));
  record("sign-out: no Origin", await o.post("/sign-out", undefined, { headers: { origin: null } }));
  record("sign-out: null Origin", await o.post("/sign-out", undefined, { headers: { origin: "null" } }));
  record("get-session after refused sign-outs", await o.get("/get-session"));
  record("sign-in: foreign Origin, no cookie", await anon().post("/sign-in/email", signIn(BOB), { headers: { origin: EVIL } }));
  record("sign-in: from server code (no Origin, no cookie, no Sec-Fetch-*)", await plainPost(server.origin, "/sign-in/email", signIn(BOB)));
  record("sign-in: Node's fetch without Origin (Sec-Fetch-Mode: cors)", await anon().post("/sign-in/email", signIn(BOB), { headers: { origin: null } }));
  const navigation = { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" };
  record("sign-in: cross-site navigation", await anon().post("/sign-in/email", signIn(BOB), { headers: { origin: EVIL, ...navigation } }));
  record("sign-in: cross-site navigation without Origin", await anon().post("/sign-in/email", signIn(BOB), { headers: { origin: null, ...navigation } }));
  record("sign-out", await o.post("/sign-out"));
  record("get-session after sign-out", await o.get("/get-session"));

  // Bodies and routing.
  record("sign-in: form-encoded body", await anon().post("/sign-in/email", undefined, {
    raw: `email=${encodeURIComponent(ADA)}&password=x`,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  }));
  record("unknown endpoint", await anon().get("/no-such-endpoint"));
  record("sign-in: GET", await anon().get("/sign-in/email"));
  record("get-session: POST", await anon().post("/get-session"));

  // Past the maximum, then a listed session revoked from another browser.
  const e = browser();
  for (const email of [ADA, BOB, CY]) await e.post("/sign-in/email", signIn(email));
  record("sign-up: one account past the maximum", await e.post("/sign-up/email", signUp(DEE)));
  record("list-device-sessions past the maximum", await e.get("/multi-session/list-device-sessions"));
  record("get-session past the maximum", await e.get("/get-session"));
  const elsewhere = browser();
  await elsewhere.post("/sign-in/email", signIn(CY));
  record("revoke-sessions: from another browser", await elsewhere.post("/revoke-sessions"));
  const remaining = record("list-device-sessions after a listed session was revoked elsewhere", await e.get("/multi-session/list-device-sessions"));
  // Dee's session (the active one) dies elsewhere; Bob's, listed on both, is then revoked from this browser.
  const bob = (remaining.body as Entry[]).find((entry) => entry.user.email === BOB)!.session;
  const deeElsewhere = browser();
  await deeElsewhere.post("/sign-in/email", signIn(DEE));
  await deeElsewhere.post("/revoke-sessions");
  record("get-session after the active session was revoked elsewhere", await e.get("/get-session"));
  record("multi-session revoke: with the active session dead", await e.post("/multi-session/revoke", { sessionToken: bob.token }));
  record("sign-out: several accounts", await e.post("/sign-out"));
  record("list-device-sessions after sign-out", await e.get("/multi-session/list-device-sessions"));
  // Last: after answering 413 without reading the body, Kernia's Node adapter leaves the keep-alive
  // connection to be reset under a later request (reported, pending a fix), so nothing follows it.
  const big = JSON.stringify({ ...signIn(ADA), padding: "p".repeat(2 * 1024 * 1024) });
  record("sign-in: 2 MB body", await anon().post("/sign-in/email", undefined, { raw: big }));
  return seen;
}

/** A shorter visit to servers whose base URL is https: `__Secure-` names and the Secure attribute. */
async function runHttpsScript(server: RunningServer): Promise<Observations> {
  const seen: Observations = new Map();
  const record = (step: string, answer: HttpAnswer) => void seen.set(`https: ${step}`, observe(answer));
  const b = createHttpBrowser(server.origin, { pageOrigin: HTTPS_APP });
  record("sign-up", await b.post("/sign-up/email", { name: "ada", email: ADA, password: PASSWORD }));
  record("get-session", await b.get("/get-session"));
  record("list-device-sessions", await b.get("/multi-session/list-device-sessions"));
  record("sign-out: foreign Origin", await b.post("/sign-out", undefined, { headers: { origin: EVIL } }));
  record("sign-out", await b.post("/sign-out"));
  return seen;
}

interface Difference {
  step: string;
  field: string;
  betterAuth: string;
  kernia: string;
}

/**
 * The differences the design asks for, each with the brief's reason. `claims` picks the fields it
 * covers; a field belongs to the first entry that claims it (so an entry about one step takes that
 * step's cookies too, before the general list-cookie entry), and nothing else may differ.
 */
interface Allowed {
  name: string;
  why: string;
  claims(d: Difference): boolean;
  /** Why this difference may not show in a given run; such an entry is not required to be observed. */
  mayBeAbsent?: string;
}

const LIST = "cookie better-auth.session_list";
const MULTI = "cookie better-auth.session_token_multi-<token>";
/** Whether the field is about `cookie` (named without its `__Secure-` prefix). */
const onCookie = (d: Difference, cookie: string) => {
  const field = d.field.replace(/^cookie __Secure-/, "cookie ");
  return field === cookie || field.startsWith(`${cookie} `);
};
const isListDeviceSessions = (d: Difference) => /^(https: )?\/?(multi-session\/)?list-device-sessions/.test(d.step);
const PAST_MAXIMUM = ["list-device-sessions past the maximum", "list-device-sessions after a listed session was revoked elsewhere"];
const SESSION_ID_MESSAGE = "[body] give exactly one of sessionToken and sessionId";

const ALLOWED: Allowed[] = [
  {
    name: "set-active and revoke take { sessionToken } or { sessionId }",
    why: "DESIGN item 5: an app can keep tokens out of JavaScript; exactly one of the two, so a body with neither says so",
    claims: (d) => d.step === "set-active: by sessionId" || (d.field === "body.message" && d.kernia === SESSION_ID_MESSAGE),
  },
  {
    name: "a listed token in another letter case is not a listed token",
    why: "DESIGN item 5: Better Auth lower-cases tokens into cookie names, so a case-changed token switches; Kernia answers 401 INVALID_SESSION_TOKEN and changes nothing",
    claims: (d) => d.step === "set-active: listed token in upper case" || d.step === "get-session after set-active in upper case",
  },
  {
    name: "multi-session revoke answers the browser's active account",
    why: "DESIGN item 6: { status: true, active: { session, user } | null }, so a client needs no second round trip",
    claims: (d) => d.step.startsWith("multi-session revoke: ") && d.step !== "multi-session revoke: with the active session dead" && d.field.startsWith("body.active"),
  },
  {
    name: "multi-session revoke needs the signed list, not a live active session",
    why: "DESIGN item 5: the list proves possession, so revoke works after the active session died; with no list the token is unknown: 401 INVALID_SESSION_TOKEN, not UNAUTHORIZED",
    claims: (d) => d.step === "/multi-session/revoke: no cookie" || d.step === "multi-session revoke: with the active session dead",
  },
  {
    name: "list-device-sessions lists the most recently active account first",
    why: "DESIGN item 3: the list is kept in order of last activation (a sign-in or a switch moves an account up); Better Auth answers in database order",
    claims: (d) => isListDeviceSessions(d) && !PAST_MAXIMUM.includes(d.step) && /^body\[\d+\]\.user\.(email|name)$/.test(d.field),
    mayBeAbsent: "Better Auth's database order is not specified, so it may agree with Kernia's by chance",
  },
  {
    name: "past the maximum the least recently active account is evicted, never the new one left unlisted",
    why: "DESIGN item 3: Better Auth leaves the new account active but out of the switcher; Kernia lists it and revokes the evicted session",
    claims: (d) => PAST_MAXIMUM.includes(d.step) && d.field.startsWith("body"),
  },
  {
    name: "list-device-sessions answers Cache-Control: no-store",
    why: "DESIGN item 4: the answer lists private sessions and may rewrite the list cookie, so no cache may keep it (get-session already says no-store on both)",
    claims: (d) => isListDeviceSessions(d) && d.field === "header cache-control",
  },
  {
    name: "a switch sets the session cookie's Max-Age to the session's remaining life",
    why: "DESIGN 'replaces': a fixed Max-Age detached from the session; Better Auth gives a full expiresIn to a session that was created earlier",
    claims: (d) => d.step === "set-active" && d.field === "cookie better-auth.session_token Max-Age",
    mayBeAbsent: "the Max-Age is short only by the seconds the script took since sign-up, within the one second tolerated on a fast run",
  },
  {
    name: "bodies with unknown keys are refused with 400 VALIDATION_ERROR",
    why: "STYLE 'Allowlist input': a sign-up body that accepts any extra key is the role-escalation pitfall; Better Auth ignores the key and signs up",
    claims: (d) => d.step === "sign-up: unknown key",
  },
  {
    name: "a cookie-less sign-in from Node's fetch needs no Origin",
    why: "DESIGN wire contract: sign-in/sign-up with no cookies and no Origin is allowed (curl, server code); Better Auth allows it only without Sec-Fetch-* headers, which Node's fetch always sends (Sec-Fetch-Mode: cors)",
    claims: (d) => d.step === "sign-in: Node's fetch without Origin (Sec-Fetch-Mode: cors)",
  },
  {
    name: "routing errors are JSON: 404 NOT_FOUND, 405 METHOD_NOT_ALLOWED",
    why: "DESIGN wire contract: errors are JSON { message, code }; Better Auth answers an empty 404 for an unknown path and for a known path with the wrong method",
    claims: (d) => d.step === "unknown endpoint" || d.step === "sign-in: GET",
  },
  {
    name: "bodies over 1 MiB are refused with 413 PAYLOAD_TOO_LARGE",
    why: "DESIGN failure / STYLE 'Fail closed': the body is read with a bound before it is parsed; Better Auth parses 2 MB and signs in",
    claims: (d) => d.step === "sign-in: 2 MB body",
  },
  {
    name: "one signed list cookie instead of a cookie per session",
    why: "DESIGN multi-session: `better-auth.session_list` holds the browser's tokens; Better Auth's `session_token_multi-<token>` cookies (tokens in cookie names) are never set, only folded in and expired",
    claims: (d) => onCookie(d, LIST) || onCookie(d, MULTI),
  },
];

/**
 * Differences that are Kernia's to fix, not designed: kept out of ALLOWED so the suite stays green
 * while they are reported, each still checked to be observed so the entry goes when the fix lands.
 */
const PENDING: Allowed[] = [
];

/** The entry a difference is put down to: the first that claims it. */
const owner = (d: Difference) => [...ALLOWED, ...PENDING].find((a) => a.claims(d));

function compare(theirs: Observations, ours: Observations): Difference[] {
  const differences: Difference[] = [];
  for (const step of new Set([...theirs.keys(), ...ours.keys()])) {
    const a = theirs.get(step) ?? {};
    const b = ours.get(step) ?? {};
    for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = a[field];
      const y = b[field];
      // Max-Age is compared within a second: the two answers were not made in the same instant.
      if (field.endsWith(" Max-Age") && typeof x === "number" && typeof y === "number" && Math.abs(x - y) <= 1) continue;
      if (x !== y) differences.push({ step, field, betterAuth: x === undefined ? "absent" : String(x), kernia: y === undefined ? "absent" : String(y) });
    }
  }
  return differences;
}

const format = (d: Difference) => `${d.step} › ${d.field}: Better Auth ${d.betterAuth}, Kernia ${d.kernia}`;

describe("Kernia answers as Better Auth 1.7 does, on the wire, except where the design says otherwise", () => {
  const sqlite = DIALECTS[0]!;
  const databases: TestDatabase[] = [];
  const servers: RunningServer[] = [];
  let differences: Difference[] = [];

  beforeAll(async () => {
    const config = { dialect: sqlite, secret: SECRET, maximum: MAXIMUM };
    /** A fresh pair of servers on fresh databases; `https` gives both an https base URL. */
    async function pair(https: boolean) {
      const [forBetterAuth, forKernia] = await Promise.all([sqlite.create(), sqlite.create()]);
      databases.push(forBetterAuth, forKernia);
      await migrateWithBetterAuth({ ...config, url: forBetterAuth.url });
      const baseURL = https ? { baseURL: HTTPS_APP } : {};
      const betterAuth = await startBetterAuth({ ...config, url: forBetterAuth.url }, baseURL);
      servers.push(betterAuth);
      const kernia = await startKernia({ ...config, url: forKernia.url }, baseURL);
      servers.push(kernia);
      await kernia.auth.migrate();
      return { betterAuth, kernia };
    }
    const plain = await pair(false);
    const secure = await pair(true);
    const [theirs, ours, theirsHttps, oursHttps] = await Promise.all([
      runScript(plain.betterAuth),
      runScript(plain.kernia),
      runHttpsScript(secure.betterAuth),
      runHttpsScript(secure.kernia),
    ]);
    for (const [step, observation] of theirsHttps) theirs.set(step, observation);
    for (const [step, observation] of oursHttps) ours.set(step, observation);
    expect([...ours.keys()]).toEqual([...theirs.keys()]);
    differences = compare(theirs, ours);
    const describeList = (title: string, list: Allowed[]) =>
      `${title} (${list.length}):\n` +
      list.map((a, i) => `  ${i + 1}. ${a.name}: ${differences.filter((d) => owner(d) === a).length} field(s)\n     ${a.why}`).join("\n");
    console.log(`${describeList("Allowed differences from Better Auth 1.7", ALLOWED)}\n${describeList("Differences pending a fix in Kernia", PENDING)}`);
  }, 120_000);

  afterAll(async () => {
    for (const server of servers) await server.close();
    for (const database of databases) await database.drop();
  });

  test("every field that differs is claimed by an allowed (or pending) difference", () => {
    expect(differences.filter((d) => !owner(d)).map(format)).toEqual([]);
  });

  test.each([...ALLOWED, ...PENDING].filter((a) => !a.mayBeAbsent).map((a) => [a.name, a] as const))("difference is still observed: %s", (_, allowed) => {
    expect(differences.filter((d) => owner(d) === allowed).length).toBeGreaterThan(0);
  });
});
