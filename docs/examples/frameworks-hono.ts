// Hono on Node: give auth.handler the peer address from getConnInfo.
import { getConnInfo } from "@hono/node-server/conninfo";
import { Hono } from "hono";
import type { Auth } from "kernia";

export function createHonoApp(auth: Auth): Hono {
  const app = new Hono();
  app.on(["GET", "POST"], "/api/auth/*", (c) => auth.handler(c.req.raw, { ip: getConnInfo(c).remote.address }));
  return app;
}

// import { serve } from "@hono/node-server";
// serve({ fetch: createHonoApp(auth).fetch, port: 3000 });
