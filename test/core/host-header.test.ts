import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { toNodeHandler } from "../../src/node/index.js";
import { countRows, createTestAuth, PASSWORD, signUpBody, uniqueEmail, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";
import { rawHttp, type RawResponse } from "../support/raw-http.js";

/**
 * Issue 14, item 5: the Node adapter built the request URL from the Host header plus the path,
 * so a Host carrying a path rerouted the request past a proxy that filters by path, and a
 * malformed Host made `new Request` throw (500). `fetch` will not send a bad Host, so these
 * requests are written on a raw socket.
 */
describe("kernia/node and the Host header", () => {
  let t: TestAuth;
  let server: Server;
  let port: number;
  const errors: unknown[] = [];
  beforeAll(async () => {
    t = await createTestAuth(DIALECTS[0]!, { logger: { warn: () => {}, error: (...args: unknown[]) => void errors.push(args) } });
    server = createServer(toNodeHandler(t.auth));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await t?.close();
  });

  const raw = (head: string[], body = "") => rawHttp(port, head, body);

  const signInBody = (email: string) => JSON.stringify({ email, password: PASSWORD });

  async function registered(): Promise<string> {
    const email = uniqueEmail("host");
    const up = await raw(["POST /api/auth/sign-up/email HTTP/1.1", "Host: 127.0.0.1"], JSON.stringify(signUpBody({ email })));
    expect(up.status).toBe(200);
    return email;
  }

  function expectInvalidHost(res: RawResponse) {
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")?.[0]).toMatch(/^application\/json/);
    expect(JSON.parse(res.body)).toEqual({ message: "Invalid Host header", code: "INVALID_HOST" });
    expect(res.headers.get("set-cookie")).toBeUndefined();
  }

  test("a Host carrying a path (POST /api/auth/ok, Host: …/api/auth/sign-in/email?) does not reach sign-in: no cookie, no session", async () => {
    const email = await registered();
    const before = await countRows(t.auth);
    const res = await raw(["POST /api/auth/ok HTTP/1.1", `Host: 127.0.0.1:${port}/api/auth/sign-in/email?`], signInBody(email));
    expect(res.status).not.toBe(200);
    expectInvalidHost(res);
    expect(await countRows(t.auth)).toEqual(before);
  });

  test("a Host with a fragment or query (…#, …?x=) is refused 400 INVALID_HOST", async () => {
    const email = await registered();
    const before = await countRows(t.auth);
    for (const host of [`127.0.0.1:${port}#`, `127.0.0.1:${port}?x=/api/auth/sign-in/email`, "127.0.0.1\\api"]) {
      expectInvalidHost(await raw(["POST /api/auth/sign-in/email HTTP/1.1", `Host: ${host}`], signInBody(email)));
    }
    expect(await countRows(t.auth)).toEqual(before);
  });

  test("malformed Hosts (a b, [zz, x@y, a:99999, a:b, empty brackets) answer 400 INVALID_HOST, never 500", async () => {
    const email = await registered();
    const before = await countRows(t.auth);
    for (const host of ["a b", "[zz", "x@y", "a:99999", "a:b", "[]", "[::1", "::1", "a:1:2", "[:::]"]) {
      const res = await raw(["POST /api/auth/sign-in/email HTTP/1.1", `Host: ${host}`], signInBody(email));
      expect(res.status, host).not.toBe(500);
      expectInvalidHost(res);
    }
    expect(await countRows(t.auth)).toEqual(before);
    expect(errors).toEqual([]);
  });

  test("an absolute-form request line is routed by its own path, whatever the Host says", async () => {
    const email = await registered();
    const before = await countRows(t.auth);
    const res = await raw(["POST http://127.0.0.1/api/auth/ok HTTP/1.1", "Host: 127.0.0.1"], signInBody(email));
    expect(res.status).toBe(405);
    expect(res.headers.get("set-cookie")).toBeUndefined();
    expect(await countRows(t.auth)).toEqual(before);
    const ok = await raw([`GET http://127.0.0.1:${port}/api/auth/ok HTTP/1.1`, "Host: 127.0.0.1"]);
    expect(JSON.parse(ok.body)).toEqual({ ok: true });
  });

  test("request targets that are neither a path nor an http(s) URL (OPTIONS *, ftp://…) answer 400 INVALID_REQUEST_TARGET", async () => {
    for (const line of ["OPTIONS * HTTP/1.1", "GET ftp://127.0.0.1/api/auth/ok HTTP/1.1"]) {
      const res = await raw([line, "Host: 127.0.0.1"]);
      expect(res.status, line).toBe(400);
      expect(JSON.parse(res.body)).toEqual({ message: "Invalid request target", code: "INVALID_REQUEST_TARGET" });
    }
  });

  test("a normal Host, a port, a bracketed IPv6 [::1]:3000 and a missing Host (HTTP/1.0) are still served", async () => {
    const email = await registered();
    for (const host of ["127.0.0.1", `127.0.0.1:${port}`, "localhost:3000", "[::1]:3000", "[::1]", "app.example.com", "APP.Example.com."]) {
      const res = await raw(["POST /api/auth/sign-in/email HTTP/1.1", `Host: ${host}`], signInBody(email));
      expect(res.status, host).toBe(200);
      expect(res.headers.get("set-cookie")?.[0]).toMatch(/^better-auth\.session_token=/);
    }
    const old = await raw(["GET /api/auth/ok HTTP/1.0"]);
    expect(old.status).toBe(200);
    expect(JSON.parse(old.body)).toEqual({ ok: true });
  });

  test("TRACE, a method a Request cannot carry, answers 405 METHOD_NOT_ALLOWED, not 500", async () => {
    const res = await raw(["TRACE /api/auth/ok HTTP/1.1", "Host: 127.0.0.1"]);
    expect(res.status).toBe(405);
    expect(JSON.parse(res.body)).toEqual({ message: "Method not allowed", code: "METHOD_NOT_ALLOWED" });
    expect(errors).toEqual([]);
  });
});
