import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startDemo } from "../../scripts/demo-harness.mjs";
import { signUpBody } from "../support/core.js";
import { DIALECTS, type TestDatabase } from "../support/dialects.js";
import { REDIS_URL, redisAvailable } from "../support/redis.js";

/**
 * Issue 10, scale-out: three Kernia processes (the built demo server, as an operator runs it) on
 * three ports behind one public origin, sharing one database and one Redis. One browser signs three
 * accounts in through process 1, switches through process 2, revokes through process 3 and signs
 * out through process 1; after every step all three processes give the same answers.
 */
const PUBLIC_ORIGIN = "http://app.test";
type Current = { session: { id: string; token: string }; user: { email: string } } | null;
type Entry = NonNullable<Current>;

/** A cookie jar in front of `fetch`, as a browser keeps one across the load balancer's backends. */
function browser() {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  async function send<T>(backend: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { origin: PUBLIC_ORIGIN };
    if (jar.size) headers.cookie = cookie();
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${backend}/api/auth${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      if (/;\s*Max-Age=0(;|$)/i.test(line)) jar.delete(pair.slice(0, eq));
      else jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
  return { jar, cookie, get: <T>(b: string, p: string) => send<T>(b, "GET", p), post: <T>(b: string, p: string, body?: unknown) => send<T>(b, "POST", p, body) };
}

for (const d of DIALECTS.filter((x) => x.name !== "sqlite")) {
  describe.skipIf(!d.available || !redisAvailable)(`three processes on ${d.name} + Redis`, () => {
    let database: TestDatabase;
    const demos: Array<Awaited<ReturnType<typeof startDemo>>> = [];

    beforeAll(async () => {
      database = await d.create();
      const env = { DATABASE_URL: database.url, REDIS_URL, KERNIA_SECRET: randomBytes(32).toString("base64url"), KERNIA_BASE_URL: PUBLIC_ORIGIN };
      // Started together: they migrate the same database at once, as a rolling deploy does.
      demos.push(...(await Promise.all([0, 1, 2].map(() => startDemo({ env })))));
    }, 60_000);
    afterAll(async () => {
      for (const demo of demos) await demo.stop();
      await database?.drop();
    });

    test("sign in three accounts on 1, switch on 2, revoke on 3, sign out on 1: every process agrees at every step", async () => {
      const [p1, p2, p3] = demos.map((demo) => demo.origin) as [string, string, string];
      const all = [p1, p2, p3];
      const b = browser();
      const everyone = async <T>(path: string, cookie?: string) =>
        Promise.all(
          all.map(async (backend) => {
            const res = await fetch(`${backend}/api/auth${path}`, { headers: { cookie: cookie ?? b.cookie() } });
            expect(res.status).toBe(200);
            return (await res.json()) as T;
          }),
        );
      const agreeOn = async () => {
        const sessions = await everyone<Current>("/get-session");
        const lists = await everyone<Entry[]>("/multi-session/list-device-sessions");
        const active = sessions.map((s) => s?.user.email ?? null);
        const listed = lists.map((l) => l.map((e) => e.user.email));
        expect(new Set(active).size).toBe(1);
        expect(new Set(listed.map((l) => l.join())).size).toBe(1);
        return { active: active[0], listed: listed[0]! };
      };

      const people = [signUpBody(), signUpBody(), signUpBody()];
      const cookies: string[] = [];
      for (const person of people) {
        expect((await b.post(p1, "/sign-up/email", person)).status).toBe(200);
        cookies.push(b.cookie());
      }
      const emails = people.map((p) => p.email as string);
      expect(await agreeOn()).toEqual({ active: emails[2], listed: [emails[2], emails[1], emails[0]] });

      const listed = (await b.get<Entry[]>(p2, "/multi-session/list-device-sessions")).body;
      const byEmail = (email: string) => listed.find((e) => e.user.email === email)!.session;
      expect((await b.post(p2, "/multi-session/set-active", { sessionId: byEmail(emails[0]!).id })).status).toBe(200);
      expect(await agreeOn()).toEqual({ active: emails[0], listed: [emails[0], emails[2], emails[1]] });

      expect((await b.post(p3, "/multi-session/revoke", { sessionId: byEmail(emails[1]!).id })).status).toBe(200);
      expect(await agreeOn()).toEqual({ active: emails[0], listed: [emails[0], emails[2]] });
      // The revoked account's old cookie (from right after its sign-up) is dead on every process.
      expect(await everyone<Current>("/get-session", cookies[1])).toEqual([null, null, null]);

      expect((await b.post(p1, "/sign-out")).status).toBe(200);
      expect(await agreeOn()).toEqual({ active: null, listed: [] });
      for (const old of cookies) expect(await everyone<Current>("/get-session", old)).toEqual([null, null, null]);
    });
  });
}
