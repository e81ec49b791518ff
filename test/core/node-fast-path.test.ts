import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { toNodeHandler } from "../../src/node/index.js";
import { cookieMap, createTestAuth, signUpBody, uniqueEmail, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";
import { rawHttp } from "../support/raw-http.js";

/**
 * Issue 12: requests without a body reach kernia() through `kernia/node` without a `Request`,
 * `Headers`, `URL` or `Response`. They must be answered exactly as `auth.handler(Request)` answers
 * them, whatever the target looks like: a shortcut that routed, decoded or normalised a path
 * differently would be a way past a proxy's path rules.
 */
describe("kernia/node's bodiless fast path answers what auth.handler(Request) answers", () => {
  let t: TestAuth;
  let server: Server;
  let port: number;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestAuth(DIALECTS[0]!);
    server = createServer(toNodeHandler(t.auth));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
    const up = await t.auth.handler(
      new Request("http://localhost:3000/api/auth/sign-up/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost:3000" },
        body: JSON.stringify(signUpBody({ email: uniqueEmail("fast") })),
      }),
    );
    expect(up.status).toBe(200);
    cookie = [...cookieMap(up.headers.getSetCookie())].map(([name, { value }]) => `${name}=${value}`).join("; ");
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await t?.close();
  });

  const targets = [
    "/api/auth/get-session",
    "/api/auth/get-session?disableRefresh=true",
    "/api/auth/get-session?",
    "/api/auth/./get-session",
    "/api/auth/x/../get-session",
    "/api/auth/x/%2e%2e/get-session",
    "/api/auth/%67et-session",
    "/api/auth//get-session",
    "/api/auth/get-session/",
    "/api/auth/GET-SESSION",
    "/api/auth\\get-session",
    "/api/auth/get-session?q=%zz&r=caf%C3%A9&s=a+b",
    "/api/auth/get-session?q=\"quoted\"&r='single'",
    "/api/auth/ok",
    "/api/auth/sign-in/email",
    "/api/auth",
    "/",
    "http://localhost:3000/api/auth/get-session",
    "http://evil.example/api/auth/get-session?x=1",
  ];
  for (const target of targets) {
    for (const method of ["GET", "HEAD"]) {
      test(`${method} ${target}`, async () => {
        const host = "localhost:3000";
        const raw = await rawHttp(port, [`${method} ${target} HTTP/1.1`, `Host: ${host}`, `Cookie: ${cookie}`]);
        const url = /^https?:/.test(target) ? target : `http://${host}${target}`;
        const expected = await t.auth.handler(new Request(url, { method, headers: { cookie } }), { ip: "127.0.0.1" });
        expect(raw.status).toBe(expected.status);
        expect(raw.headers.get("content-type")).toEqual([expected.headers.get("content-type")]);
        expect(raw.headers.get("cache-control") ?? null).toEqual(expected.headers.has("cache-control") ? [expected.headers.get("cache-control")] : null);
        expect(raw.headers.get("set-cookie") ?? []).toEqual(expected.headers.getSetCookie());
        if (method === "GET") expect(raw.body).toBe(await expected.text());
        else expect(raw.body).toBe("");
      });
    }
  }

  for (const host of ["LOCALHOST:3000", "127.0.0.1:3000", "[::1]:3000", "localhost:80", "localhost"]) {
    test(`the Host ${host} is read as the URL parser reads it`, async () => {
      const raw = await rawHttp(port, ["GET /api/auth/get-session HTTP/1.1", `Host: ${host}`, `Cookie: ${cookie}`]);
      const expected = await t.auth.handler(new Request(`http://${host}/api/auth/get-session`, { headers: { cookie } }), { ip: "127.0.0.1" });
      expect(raw.status).toBe(expected.status);
      expect(raw.body).toBe(await expected.text());
    });
  }

  for (const host of ["localhost:99999", "1.2.3.999", "[:::]", "a b", "h/api/auth/sign-in/email?"]) {
    test(`a Host the URL parser refuses (${host}) is answered 400 INVALID_HOST without reaching the handler`, async () => {
      const raw = await rawHttp(port, ["GET /api/auth/get-session HTTP/1.1", `Host: ${host}`, `Cookie: ${cookie}`]);
      expect(raw.status).toBe(400);
      expect(JSON.parse(raw.body)).toMatchObject({ code: "INVALID_HOST" });
    });
  }
});
