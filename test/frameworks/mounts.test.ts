import { once } from "node:events";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { serve } from "@hono/node-server";
import express, { type Express } from "express";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { Auth, Plugin } from "../../src/index.js";
import { defineEndpoint } from "../../src/index.js";
import { cookieMap, createTestAuth, PASSWORD, signUpBody, uniqueEmail, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";

// The recipes of docs/frameworks.md import the package by name; here that name means the source.
vi.mock("kernia/node", async () => await import("../../src/node/index.js"));
vi.mock("kernia/plugins", async () => await import("../../src/plugins/index.js"));
const { multiSession } = await import("kernia/plugins");
const { toNodeHandler } = await import("kernia/node");
const { createAppServer } = await import("../../docs/examples/frameworks-node.js");
const { mountKernia, mountKerniaExpress4 } = await import("../../docs/examples/frameworks-express.js");
const { createHonoApp } = await import("../../docs/examples/frameworks-hono.js");
const { toNextJsHandler } = await import("../../docs/examples/frameworks-next.js");
const { createFastifyApp } = await import("../../docs/examples/frameworks-fastify.js");
// Express 4, installed under an alias; typed as Express 5, whose API the recipe uses from both.
const express4 = ((await import("express4" as string)) as { default: typeof express }).default;

/**
 * Issue 9: Kernia mounted in each common server, over real HTTP on 127.0.0.1, through the recipes
 * that docs/frameworks.md shows. Every request comes from 127.0.0.1, which is a trusted proxy here,
 * so X-Forwarded-For tells the clients apart as it would behind a real proxy.
 */
const TRUSTED_PROXIES = ["127.0.0.1", "::1", "::ffff:127.0.0.1"];

/** What Next.js's server does before a route handler runs: a `Request` with the peer in X-Forwarded-For. */
function nextLikeServer(routes: { GET: (r: Request) => Promise<Response>; POST: (r: Request) => Promise<Response> }): Server {
  return createServer(async (req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const forwarded = req.headers["x-forwarded-for"];
    headers.set("x-forwarded-for", forwarded ? `${String(forwarded)}, ${req.socket.remoteAddress}` : String(req.socket.remoteAddress));
    const post = req.method === "POST";
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method,
      headers,
      ...(post ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
    } as RequestInit);
    const response = await (post ? routes.POST : routes.GET)(request);
    response.headers.forEach((value, name) => {
      if (name !== "set-cookie") res.setHeader(name, value);
    });
    res.setHeader("set-cookie", response.headers.getSetCookie());
    res.writeHead(response.status);
    res.end(Buffer.from(await response.arrayBuffer()));
  });
}

/** The app behind Kernia in the node:http recipe; only reached for paths outside /api/auth. */
const appRoutes: RequestListener = (_req, res) => {
  res.writeHead(200, { "content-type": "text/plain" });
  res.end("app");
};

async function listen(server: Server): Promise<Server> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return server;
}

function expressApp(make: () => Express, mount: (app: Express, auth: Auth) => void, jsonFirst: boolean) {
  return async (auth: Auth) => {
    const app = make();
    if (jsonFirst) app.use(express.json());
    mount(app, auth);
    app.use(express.json());
    return listen(createServer(app));
  };
}

interface MountUnderTest {
  name: string;
  start(auth: Auth): Promise<Server>;
}

const MOUNTS: MountUnderTest[] = [
  { name: "node:http (toNodeHandler)", start: (auth) => listen(createAppServer(auth, appRoutes)) },
  { name: "Express 5", start: expressApp(express, mountKernia, false) },
  { name: "Express 5 with express.json() before Kernia", start: expressApp(express, mountKernia, true) },
  { name: "Express 4", start: expressApp(express4, mountKerniaExpress4, false) },
  { name: "Express 4 with express.json() before Kernia", start: expressApp(express4, mountKerniaExpress4, true) },
  {
    name: "Hono on Node (@hono/node-server)",
    async start(auth) {
      const server = serve({ fetch: createHonoApp(auth).fetch, port: 0, hostname: "127.0.0.1" }) as Server;
      if (!server.listening) await once(server, "listening");
      return server;
    },
  },
  { name: "Next.js App Router route handler", start: (auth) => listen(nextLikeServer(toNextJsHandler(auth))) },
  {
    name: "Fastify",
    async start(auth) {
      const app = createFastifyApp(auth);
      await app.listen({ port: 0, host: "127.0.0.1" });
      return app.server as Server;
    },
  },
];

/** A plugin endpoint that fails as a bug would: the 500 must reach the logger with its cause. */
const failing = (): Plugin => ({
  id: "failing",
  endpoints: {
    failing: defineEndpoint({
      method: "GET",
      path: "/failing",
      async handler(): Promise<never> {
        throw new Error("the cause of the failure", { cause: "test" });
      },
    }),
  },
});

type DeviceSessions = Array<{ session: { ipAddress: string | null }; user: { email: string } }>;

describe.each(MOUNTS)("Kernia mounted on $name", (mount) => {
  let t: TestAuth;
  let server: Server;
  let origin: string;
  const errors: unknown[][] = [];
  beforeAll(async () => {
    t = await createTestAuth(DIALECTS[0]!, {
      rateLimit: { enabled: true },
      advanced: { trustedProxies: TRUSTED_PROXIES },
      plugins: [multiSession(), failing()],
      logger: { warn: () => {}, error: (...args: unknown[]) => errors.push(args) },
    });
    server = await mount.start(t.auth);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await t?.close();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${origin}/api/auth${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  const cookieHeader = (...responses: Response[]) => {
    const jar = new Map<string, string>();
    for (const r of responses) for (const [name, { value }] of cookieMap(r.headers.getSetCookie())) jar.set(name, value);
    return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  };

  test("two sign-ups in one browser answer 200, and list-device-sessions lists both accounts", async () => {
    const first = uniqueEmail("first");
    const second = uniqueEmail("second");
    const up1 = await post("/sign-up/email", signUpBody({ email: first }));
    expect(up1.status).toBe(200);
    expect(((await up1.json()) as { user: { email: string } }).user.email).toBe(first);
    // A browser with cookies must send a trusted Origin: the configured base URL's.
    const up2 = await post("/sign-up/email", signUpBody({ email: second }), { cookie: cookieHeader(up1), origin: t.auth.$context.baseURL.origin });
    expect(up2.status).toBe(200);

    const listed = await fetch(`${origin}/api/auth/multi-session/list-device-sessions`, { headers: { cookie: cookieHeader(up1, up2) } });
    expect(listed.status).toBe(200);
    const sessions = (await listed.json()) as DeviceSessions;
    expect(sessions.map((s) => s.user.email).sort()).toEqual([first, second].sort());
  });

  test("one client guessing passwords gets 429 on its fourth try; another client behind the same proxy is unaffected", async () => {
    const signIn = (client: string) => post("/sign-in/email", { email: uniqueEmail("nobody"), password: PASSWORD }, { "x-forwarded-for": client });
    const guesses: number[] = [];
    for (let i = 0; i < 4; i++) guesses.push((await signIn("203.0.113.1")).status);
    expect(guesses).toEqual([401, 401, 401, 429]);
    const refused = await signIn("203.0.113.1");
    expect(refused.headers.get("x-retry-after")).toMatch(/^\d+$/);
    expect((await signIn("203.0.113.2")).status).toBe(401);
  });

  test("five clients behind the proxy each get their own budget of three sign-ins", async () => {
    const signIn = (client: string) => post("/sign-in/email", { email: uniqueEmail("nobody"), password: PASSWORD }, { "x-forwarded-for": client });
    const clients = ["203.0.113.11", "203.0.113.12", "203.0.113.13", "203.0.113.14", "203.0.113.15"];
    const answers = await Promise.all(
      clients.map(async (client) => {
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++) statuses.push((await signIn(client)).status);
        return statuses;
      }),
    );
    for (const statuses of answers) expect(statuses).toEqual([401, 401, 401, 429]);
  });

  test("the session records the client X-Forwarded-For names through the trusted proxy, not the proxy", async () => {
    const up = await post("/sign-up/email", signUpBody({ email: uniqueEmail("forwarded") }), { "x-forwarded-for": "198.51.100.7" });
    expect(up.status).toBe(200);
    const listed = await fetch(`${origin}/api/auth/multi-session/list-device-sessions`, { headers: { cookie: cookieHeader(up) } });
    const [entry] = (await listed.json()) as DeviceSessions;
    expect(entry?.session.ipAddress).toBe("198.51.100.7");
  });

  test("a 500 is answered as JSON and logged through options.logger with its cause", async () => {
    const before = errors.length;
    const res = await fetch(`${origin}/api/auth/failing`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: expect.any(String), code: "INTERNAL_SERVER_ERROR" });
    const logged = errors.slice(before).flat();
    expect(logged.some((e) => e instanceof Error && e.message === "the cause of the failure")).toBe(true);
  });
});

describe("kernia/node's own failures", () => {
  test("a request that fails inside the adapter is answered 500 and logged with its cause through the auth's logger", async () => {
    const errors: unknown[][] = [];
    const cause = new Error("handler blew up");
    const broken = { handler: async () => Promise.reject(cause), $context: { logger: { error: (...args: unknown[]) => errors.push(args) } } };
    const server = await listen(createServer(toNodeHandler(broken)));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/auth/ok`);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ message: "Internal server error", code: "INTERNAL_SERVER_ERROR" });
      expect(errors).toHaveLength(1);
      expect(errors[0]?.[0]).toMatch(/GET \/api\/auth\/ok failed in kernia\/node/);
      expect(errors[0]).toContain(cause);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test("{ logger } given to toNodeHandler is used in place of the auth's", async () => {
    const mine: unknown[] = [];
    const broken = { handler: async () => Promise.reject(new Error("x")), $context: { logger: { error: () => {} } } };
    const server = await listen(createServer(toNodeHandler(broken, { logger: { error: (...args: unknown[]) => mine.push(args) } })));
    try {
      expect((await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/auth/ok`)).status).toBe(500);
      expect(mine).toHaveLength(1);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
