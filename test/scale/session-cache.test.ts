import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { signUpBody } from "../support/core.js";
import { DIALECTS, type TestDatabase } from "../support/dialects.js";
import { REDIS_URL, redisAvailable } from "../support/redis.js";

const SERVER = fileURLToPath(new URL("./cache-server.mjs", import.meta.url));
const PUBLIC_ORIGIN = "http://app.test";
type Current = { session: { id: string; token: string }; user: { email: string } } | null;
type Entry = NonNullable<Current>;

interface Backend {
  origin: string;
  child: ChildProcess;
  /** SQL statements this process has run so far. */
  statements(): Promise<number>;
}

async function startBackend(env: Record<string, string>): Promise<Backend> {
  const child = spawn(process.execPath, [SERVER], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  const [line] = (await once(child.stdout!, "data")) as [Buffer];
  const { port } = JSON.parse(line.toString()) as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    child,
    statements: async () => ((await (await fetch(`${origin}/__sql`)).json()) as { statements: number }).statements,
  };
}

/** Requests as one browser sends them, with an explicit cookie header. */
async function call<T>(backend: Backend, path: string, cookie: string, body?: unknown): Promise<{ status: number; body: T; setCookies: string[] }> {
  const response = await fetch(`${backend.origin}/api/auth${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { origin: PUBLIC_ORIGIN, cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, setCookies: response.headers.getSetCookie() };
}

/** Applies `Set-Cookie` lines to a cookie header. */
function applyCookies(cookie: string, lines: string[]): string {
  const jar = new Map(cookie ? cookie.split("; ").map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]) : []);
  for (const line of lines) {
    const [pair = ""] = line.split(";");
    const eq = pair.indexOf("=");
    if (/;\s*Max-Age=0(;|$)/i.test(line)) jar.delete(pair.slice(0, eq));
    else jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

/**
 * Issue 12: with `sessionCache` on, a process answers get-session and list-device-sessions from
 * memory, with no SQL. Two real processes share PostgreSQL and Redis: a revoke, a sign-out and a
 * set-active made on process A must hold on process B's very next request, though B had the
 * sessions cached.
 */
const postgres = DIALECTS.find((d) => d.name === "postgres");
describe.skipIf(!postgres?.available || !redisAvailable)("sessionCache across two processes (PostgreSQL + Redis)", () => {
  let database: TestDatabase;
  let a: Backend;
  let b: Backend;

  beforeAll(async () => {
    database = await postgres!.create();
    const env = { DATABASE_URL: database.url, REDIS_URL, KERNIA_SECRET: randomBytes(32).toString("base64url"), PUBLIC_ORIGIN };
    a = await startBackend(env); // migrates first
    b = await startBackend(env);
  }, 60_000);
  afterAll(async () => {
    for (const backend of [a, b]) {
      if (!backend) continue;
      backend.child.kill("SIGTERM");
      await once(backend.child, "exit");
    }
    await database?.drop();
  });

  test("B serves cached sessions without SQL, and sees A's revoke, set-active and sign-out on its very next request", async () => {
    // One browser, two accounts, signed in through A.
    let cookie = "";
    const people = [signUpBody(), signUpBody()];
    for (const person of people) {
      const up = await call(a, "/sign-up/email", cookie, person);
      expect(up.status).toBe(200);
      cookie = applyCookies(cookie, up.setCookies);
    }
    const [first, second] = people.map((p) => p.email as string) as [string, string];

    // B reads them once, then answers from memory: no SQL on the second round.
    const listOnB = async () => (await call<Entry[]>(b, "/multi-session/list-device-sessions", cookie)).body;
    const activeOnB = async (jar = cookie) => (await call<Current>(b, "/get-session", jar)).body?.user.email ?? null;
    expect(await activeOnB()).toBe(second);
    expect((await listOnB()).map((e) => e.user.email).sort()).toEqual([first, second].sort());
    const before = await b.statements();
    expect(await activeOnB()).toBe(second);
    expect((await listOnB()).length).toBe(2);
    expect(await b.statements()).toBe(before);

    // Set-active on A: B's next get-session answers the other account.
    const entries = await listOnB();
    const firstEntry = entries.find((e) => e.user.email === first)!;
    const secondEntry = entries.find((e) => e.user.email === second)!;
    const switched = await call<Current>(a, "/multi-session/set-active", cookie, { sessionToken: firstEntry.session.token });
    expect(switched.status).toBe(200);
    cookie = applyCookies(cookie, switched.setCookies);
    expect(await activeOnB()).toBe(first);

    // Revoke the second account on A: B, which has it cached, drops it at once.
    // A client that still sends the old list (another tab's request in flight) must not see it either.
    const beforeRevoke = cookie;
    const revoked = await call(a, "/multi-session/revoke", cookie, { sessionToken: secondEntry.session.token });
    expect(revoked.status).toBe(200);
    cookie = applyCookies(cookie, revoked.setCookies);
    const staleList = (await call<Entry[]>(b, "/multi-session/list-device-sessions", beforeRevoke)).body;
    expect(staleList.map((e) => e.user.email)).toEqual([first]);
    expect((await listOnB()).map((e) => e.user.email)).toEqual([first]);

    // Sign out on A with the cookie B has cached: B's next get-session with that old cookie is null.
    const oldCookie = cookie;
    expect(await activeOnB(oldCookie)).toBe(first);
    const out = await call(a, "/sign-out", cookie, {});
    expect(out.status).toBe(200);
    expect(await activeOnB(oldCookie)).toBeNull();
    expect((await call<Entry[]>(b, "/multi-session/list-device-sessions", oldCookie)).body).toEqual([]);
  });
});
