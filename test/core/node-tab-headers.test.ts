import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TAB_SESSION_HEADER } from "../../src/index.js";
import { toNodeHandler } from "../../src/node/index.js";
import { DIALECTS } from "../support/dialects.js";
import { account, multiSessionServer, type MultiSessionServer } from "../support/multi-session-server.js";

// On kernia/node, a GET is answered without a `Request`; endpoints that read every header
// (`ctx.headers`: the per-tab origin check) must still see them.
const sqlite = DIALECTS.find((d) => d.name === "sqlite")!;
const TRUSTED = "http://localhost:3000";

describe("per-tab choice over kernia/node's bodyless path", () => {
  let server: MultiSessionServer;
  let http: Server;
  let base: string;
  let cookie = "";
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await multiSessionServer(sqlite, { maximum: 5 });
    http = createServer(toNodeHandler(server.auth));
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/auth`;
    for (const name of ["Ada", "Bob"]) {
      const response = await fetch(`${base}/sign-up/email`, {
        method: "POST",
        headers: { origin: TRUSTED, "content-type": "application/json", cookie },
        body: JSON.stringify(account(name)),
      });
      expect(response.status).toBe(200);
      const jar = new Map(cookie ? cookie.split("; ").map((pair) => pair.split("=", 2) as [string, string]) : []);
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const eq = pair!.indexOf("=");
        jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
      }
      cookie = [...jar].map(([n, v]) => `${n}=${v}`).join("; ");
    }
    const listed = (await (await fetch(`${base}/multi-session/list-device-sessions`, { headers: { cookie } })).json()) as Array<{
      session: { id: string };
      user: { name: string };
    }>;
    for (const entry of listed) ids[entry.user.name] = entry.session.id;
  });
  afterAll(async () => {
    await new Promise((resolve) => http?.close(resolve));
    await server?.close();
  });

  test("a tab's choice from the app's own origin is honoured", async () => {
    const response = await fetch(`${base}/get-session`, { headers: { cookie, origin: TRUSTED, [TAB_SESSION_HEADER]: ids.Ada! } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { user: { name: string } }).user.name).toBe("Ada");
  });

  test("a tab's choice sent from another site (Origin: https://evil.example) is refused 403 and answers no session", async () => {
    const rows = await server.sessionRows();
    const response = await fetch(`${base}/get-session`, { headers: { cookie, origin: "https://evil.example", [TAB_SESSION_HEADER]: ids.Ada! } });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe("INVALID_ORIGIN");
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await server.sessionRows()).toEqual(rows);
  });
});
