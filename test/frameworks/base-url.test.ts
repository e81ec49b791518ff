import { once } from "node:events";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test, vi } from "vitest";
import { toNodeHandler } from "../../src/node/index.js";
import { createTestAuth, signUpBody, uniqueEmail, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";

/**
 * Issue 9: without `baseURL`, a server on port 3101 assumed http://localhost:3000 and answered 403
 * INVALID_ORIGIN to its own pages. Now, as in Better Auth 1.7, each request's own URL stands in for
 * the base URL, with one warning naming the inferred origin and the fix.
 */
describe("a server without baseURL", () => {
  let t: TestAuth | undefined;
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await t?.close();
    vi.unstubAllEnvs();
  });

  async function start(env: Record<string, string> = {}) {
    vi.stubEnv("KERNIA_BASE_URL", "");
    vi.stubEnv("BETTER_AUTH_URL", "");
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const warnings: string[] = [];
    const errors: string[] = [];
    t = await createTestAuth(DIALECTS[0]!, {
      baseURL: undefined,
      logger: { warn: (...args: unknown[]) => warnings.push(String(args[0])), error: (...args: unknown[]) => errors.push(String(args[0])) },
    });
    server = createServer(toNodeHandler(t.auth));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { origin, warnings, errors };
  }

  /** What a browser sends from a page of `pageOrigin`: Origin and Fetch Metadata. */
  const signUp = (origin: string, pageOrigin: string) =>
    fetch(`${origin}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: pageOrigin, "sec-fetch-site": pageOrigin === origin ? "same-origin" : "cross-site" },
      body: JSON.stringify(signUpBody({ email: uniqueEmail("inferred") })),
    });

  test("on a random port, a sign-up from its own page answers 200, with one warning naming the inferred origin", async () => {
    const { origin, warnings, errors } = await start();
    expect((await signUp(origin, origin)).status).toBe(200);
    expect((await signUp(origin, origin)).status).toBe(200);
    const about = warnings.filter((w) => w.includes("baseURL is not set"));
    expect(about).toHaveLength(1);
    expect(about[0]).toContain(origin);
    expect(about[0]).toContain("KERNIA_BASE_URL");
    expect(errors).toEqual([]);
  });

  test("a page of another origin is still refused 403 INVALID_ORIGIN", async () => {
    const { origin } = await start();
    const res = await signUp(origin, "http://evil.example");
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe("INVALID_ORIGIN");
  });

  test("a first request sent with a forged Host does not make that host trusted for the real one", async () => {
    const { origin, warnings } = await start();
    const port = (server!.address() as AddressInfo).port;
    // The attacker reaches the fresh server first, naming their own site as the Host.
    const forged = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: "127.0.0.1", port, path: "/api/auth/ok", headers: { host: "evil.example" } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on("error", reject);
      req.end();
    });
    expect(forged).toBe(200);
    expect(warnings[0]).toContain("http://evil.example");
    // Their page posting to the real server is refused, and the real server's own page is not.
    expect((await signUp(origin, "http://evil.example")).status).toBe(403);
    expect((await signUp(origin, origin)).status).toBe(200);
  });

  test("in production it is logged as an error, and cookies are Secure as Better Auth makes them", async () => {
    const { origin, warnings, errors } = await start({ NODE_ENV: "production" });
    const res = await signUp(origin, origin);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()[0]).toMatch(/^__Secure-better-auth\.session_token=.*; Secure/);
    const about = errors.filter((e) => e.includes("baseURL is not set in production"));
    expect(about).toHaveLength(1);
    expect(about[0]).toContain(origin);
    expect(warnings.filter((w) => w.includes("baseURL"))).toEqual([]);
  });

  test("baseURL from KERNIA_BASE_URL is used as before, with no warning", async () => {
    const { origin, warnings } = await start({ KERNIA_BASE_URL: "http://app.example" });
    expect((await signUp(origin, "http://app.example")).status).toBe(200);
    expect((await signUp(origin, origin)).status).toBe(403);
    expect(warnings.filter((w) => w.includes("baseURL"))).toEqual([]);
  });
});
