import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { toNodeHandler } from "../../src/node/index.js";
import { cookieMap, createTestAuth, PASSWORD, signUpBody, uniqueEmail, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";

/** `toNodeHandler(auth)` on a real `node:http` server on an ephemeral port: the network is the point. */
type Current = { session: { token: string; ipAddress: string | null; userAgent: string | null }; user: { email: string } } | null;

describe("kernia/node on a real HTTP server", () => {
  let t: TestAuth;
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    t = await createTestAuth(DIALECTS[0]!);
    server = createServer(toNodeHandler(t.auth));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections(); // fetch keeps connections alive; don't wait for their timeout
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await t?.close();
  });

  const cookieOf = (response: Response) => [...cookieMap(response.headers.getSetCookie())].map(([n, { value }]) => `${n}=${value}`).join("; ");

  test("sign-up over HTTP sets the session cookie, and get-session with it answers the user", async () => {
    const email = uniqueEmail("http");
    const up = await fetch(`${origin}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "node-test/1" },
      body: JSON.stringify(signUpBody({ email })),
    });
    expect(up.status).toBe(200);
    expect(up.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await up.json()) as { token: string };
    const setCookies = up.headers.getSetCookie();
    expect(setCookies).toHaveLength(1);
    expect(setCookies[0]).toMatch(/^better-auth\.session_token=[^;]+; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/);

    const current = await fetch(`${origin}/api/auth/get-session`, { headers: { cookie: cookieOf(up) } });
    expect(current.status).toBe(200);
    expect(current.headers.get("cache-control")).toBe("no-store");
    const session = (await current.json()) as Current;
    expect(session?.session.token).toBe(body.token);
    expect(session?.user.email).toBe(email);
    expect(session?.session.userAgent).toBe("node-test/1");
  });

  test("the session records the socket's peer address, not a client-sent X-Forwarded-For", async () => {
    const email = uniqueEmail("peer");
    await fetch(`${origin}/api/auth/sign-up/email`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(signUpBody({ email })) });
    const signIn = await fetch(`${origin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.9" },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const current = (await (await fetch(`${origin}/api/auth/get-session`, { headers: { cookie: cookieOf(signIn) } })).json()) as Current;
    expect(current?.session.ipAddress).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });

  test("errors keep their status and JSON body over HTTP", async () => {
    const res = await fetch(`${origin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: uniqueEmail("nobody"), password: PASSWORD }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: "Invalid email or password", code: "INVALID_EMAIL_OR_PASSWORD" });
    expect((await fetch(`${origin}/api/auth/nope`)).status).toBe(404);
  });

  test("a 10 MB upload is answered 413 PAYLOAD_TOO_LARGE and the server keeps serving", async () => {
    const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${origin}/api/auth/sign-up/email`, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const write = () => {
        while (sent < 10 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", write);
        }
        req.end();
      };
      // The server may answer and close before the whole body is sent; that is the point.
      req.on("response", () => (sent = Number.POSITIVE_INFINITY));
      write();
    });
    expect(status.status).toBe(413);
    expect(JSON.parse(status.body)).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect((await fetch(`${origin}/api/auth/ok`)).status).toBe(200);
  });
});
