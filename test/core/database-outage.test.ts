import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { multiSession } from "../../src/plugins/index.js";
import { createBrowser, type TestBrowser } from "../support/browser.js";
import { countRows, createTestAuth, expectError, PASSWORD, signUpBody, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.js";

/**
 * Issue 10: the network to the database is cut mid-run (a TCP proxy in front of the server is
 * closed, as a partition, a failover or a restart does). PostgreSQL used to end the process (an
 * unhandled "error" event on a checked-out pg Client), MariaDB answered bare 500s. Now every
 * endpoint answers 503 SERVICE_UNAVAILABLE, authenticates nobody, sets no cookie (above all none
 * that drops a listed account), writes nothing, and serves again by itself once the network is back.
 */
type Entry = { session: { id: string; token: string }; user: { email: string } };

for (const d of DIALECTS.filter((x) => x.name !== "sqlite")) {
  describe.skipIf(!d.available)(`the database network cut mid-run on ${d.name}`, () => {
    let proxy: TcpProxy;
    let t: TestAuth;
    let browser: TestBrowser;
    const emails: string[] = [];
    const logged: unknown[][] = [];

    beforeAll(async () => {
      const server = new URL(d.name === "postgres" ? "postgres://127.0.0.1:5432" : "mysql://127.0.0.1:3306");
      proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port) });
      t = await createTestAuth(d, {
        database: (url) => {
          const viaProxy = new URL(url);
          viaProxy.hostname = "127.0.0.1";
          viaProxy.port = String(proxy.port);
          return viaProxy.toString();
        },
        plugins: [multiSession()],
        logger: { warn: (...args: unknown[]) => logged.push(args), error: (...args: unknown[]) => logged.push(args) },
      });
      browser = createBrowser(t.auth.handler);
      for (let i = 0; i < 2; i++) {
        const body = signUpBody();
        emails.push(body.email as string);
        expect((await browser.post("/sign-up/email", body)).status).toBe(200);
      }
    });
    afterAll(async () => {
      proxy?.restore();
      await t?.close();
      await proxy?.close();
    });

    test("every endpoint answers 503 SERVICE_UNAVAILABLE while the network is cut, sets no cookie, and nothing is lost once it is back", async () => {
      const jarBefore = new Map(browser.jar);
      const listed = await browser.get<Entry[]>("/multi-session/list-device-sessions");
      const [older] = listed.body.map((e) => e.session);
      const rowsBefore = await countRows(t.auth);

      proxy.cut();
      const attempts: Array<[string, () => Promise<{ status: number; body: unknown; setCookies: string[] }>]> = [
        ["get-session", () => browser.get("/get-session")],
        ["list-device-sessions", () => browser.get("/multi-session/list-device-sessions")],
        ["sign-in", () => browser.post("/sign-in/email", { email: emails[0], password: PASSWORD })],
        ["sign-up", () => browser.post("/sign-up/email", signUpBody())],
        ["set-active", () => browser.post("/multi-session/set-active", { sessionId: older!.id })],
        ["revoke", () => browser.post("/multi-session/revoke", { sessionId: older!.id })],
        ["revoke-other-sessions", () => browser.post("/revoke-other-sessions")],
        ["sign-out", () => browser.post("/sign-out")],
      ];
      try {
        for (const [name, attempt] of attempts) {
          const res = await attempt();
          expectError(res, 503, "SERVICE_UNAVAILABLE");
          expect(res.setCookies, name).toEqual([]);
        }
        expect(browser.jar).toEqual(jarBefore);
      } finally {
        proxy.restore();
      }

      // Back by itself, without a restart: the same browser, both accounts, no row changed.
      let back: { status: number; body: Entry[] } | undefined;
      for (let i = 0; i < 20 && back?.status !== 200; i++) back = await browser.get<Entry[]>("/multi-session/list-device-sessions");
      expect(back?.status).toBe(200);
      expect(back?.body.map((e) => e.user.email).sort()).toEqual([...emails].sort());
      expect(await countRows(t.auth)).toEqual(rowsBefore);
      expect(logged.some((args) => String(args[0]).includes("database unavailable"))).toBe(true);
    });
  });
}
