import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Auth, AuditEvent } from "../../src/index.js";
import { multiSession } from "../../src/plugins/index.js";
import type { Plugin } from "../../src/plugins/types.js";
import { createBrowser } from "../support/browser.js";
import { createTestAuth, PASSWORD, signUpBody, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";

/** Issue 10: `onEvent` tells the app what happened, for an audit log, and never breaks a request. */
type Signed = { token: string; user: { id: string } };

for (const d of DIALECTS) {
  describe.skipIf(!d.available)(`audit events on ${d.name}`, () => {
    let server: TestAuth | undefined;
    let auth: Auth;
    const events: AuditEvent[] = [];
    const errors: unknown[][] = [];
    const mode = { listenerThrows: false, commitFails: false };
    const failingCommit: Plugin = {
      id: "failing-commit",
      events: {
        async sessionCreated(ctx) {
          if (mode.commitFails) {
            ctx.write(async () => {
              throw new Error("injected failure while committing");
            });
          }
        },
      },
    };

    beforeAll(async () => {
      server = await createTestAuth(d, {
        rateLimit: { enabled: true, customRules: { "/sign-in/email": { window: 60, max: 3 } } },
        plugins: [multiSession({ maximum: 2 }), failingCommit],
        onEvent: async (event) => {
          events.push(event);
          if (mode.listenerThrows) throw new Error("the audit log is down");
        },
        logger: { warn: () => {}, error: (...args: unknown[]) => errors.push(args) },
      });
      auth = server.auth;
    });
    afterAll(async () => {
      await server?.close();
    });

    /** The events told since the last call, without their time, address and agent (checked here). */
    const told = (ip = "198.51.100.6") => events.splice(0).map(({ at, ipAddress, userAgent, ...rest }) => {
      expect(at).toBeInstanceOf(Date);
      expect(ipAddress).toBe(ip);
      expect(userAgent).toBe("audit-suite/1");
      return rest;
    });

    test("sign-up, failed and repeated sign-in, eviction by the cap, switch, revoke and sign-out are told with ids, never tokens", async () => {
      const browser = createBrowser((request) => auth.handler(request, { ip: "198.51.100.6" }));
      const headers = { headers: { "user-agent": "audit-suite/1" } };
      const get = <T>(path: string) => browser.get<T>(path, headers);
      const post = <T>(path: string, body?: unknown) => browser.post<T>(path, body, headers);
      const tokens: string[] = [];
      const sid = async () => (await get<{ session: { id: string; token: string } }>("/get-session")).body.session;

      const a = signUpBody();
      const upA = await post<Signed>("/sign-up/email", a);
      const a1 = await sid();
      tokens.push(a1.token);
      expect(told()).toEqual([{ type: "sign-up", userId: upA.body.user.id, sessionId: a1.id }]);

      const upB = await post<Signed>("/sign-up/email", signUpBody());
      const b1 = await sid();
      tokens.push(b1.token);
      told();

      expect((await post("/sign-in/email", { email: a.email, password: "not-the-password" })).status).toBe(401);
      expect(told()).toEqual([{ type: "sign-in-failed", email: (a.email as string).toLowerCase() }]);

      // Signing in again as A replaces A's older session.
      await post("/sign-in/email", { email: a.email, password: PASSWORD });
      const a2 = await sid();
      tokens.push(a2.token);
      expect(told()).toEqual([
        { type: "revoke", reason: "replaced", sessions: [{ sessionId: a1.id, userId: upA.body.user.id }] },
        { type: "sign-in", userId: upA.body.user.id, sessionId: a2.id },
      ]);

      // A third account with a cap of two evicts the least recently active one: B.
      const upC = await post<Signed>("/sign-up/email", signUpBody());
      const c1 = await sid();
      tokens.push(c1.token);
      expect(told()).toEqual([
        { type: "revoke", reason: "evicted", sessions: [{ sessionId: b1.id, userId: upB.body.user.id }] },
        { type: "sign-up", userId: upC.body.user.id, sessionId: c1.id },
      ]);

      await post("/multi-session/set-active", { sessionId: a2.id });
      expect(told()).toEqual([{ type: "switch", userId: upA.body.user.id, sessionId: a2.id }]);

      await post("/multi-session/revoke", { sessionId: c1.id });
      expect(told()).toEqual([{ type: "revoke", reason: "revoked", sessions: [{ sessionId: c1.id, userId: upC.body.user.id }] }]);

      await post("/sign-out");
      expect(told()).toEqual([{ type: "sign-out", sessions: [{ sessionId: a2.id, userId: upA.body.user.id }] }]);

      // Ids only: no event of this test ever named a token.
      const all = JSON.stringify([...events, upA.body.user]);
      for (const token of tokens) expect(all).not.toContain(token);
    });

    test("a rate-limit refusal is told with the path and the client", async () => {
      const guesser = createBrowser((request) => auth.handler(request, { ip: "198.51.100.7" }));
      const headers = { headers: { "user-agent": "audit-suite/1" } };
      for (let i = 0; i < 4; i++) await guesser.post("/sign-in/email", { email: "nobody@example.com", password: "guess-guess" }, headers);
      expect(told("198.51.100.7").filter((e) => e.type === "rate-limited")).toEqual([{ type: "rate-limited", path: "/sign-in/email" }]);
    });

    test("a listener that throws is logged and changes nothing in the answer", async () => {
      mode.listenerThrows = true;
      try {
        const res = await createBrowser((request) => auth.handler(request, { ip: "198.51.100.8" })).post("/sign-up/email", signUpBody());
        expect(res.status).toBe(200);
        expect(res.setCookies.some((line) => line.startsWith("better-auth.session_token="))).toBe(true);
      } finally {
        mode.listenerThrows = false;
      }
      expect(errors.some((args) => String(args[0]).includes("onEvent failed for a sign-up event"))).toBe(true);
      events.length = 0;
    });

    test("a request that fails tells nothing of what it did not do", async () => {
      const body = signUpBody();
      mode.commitFails = true;
      try {
        const res = await createBrowser((request) => auth.handler(request, { ip: "198.51.100.9" })).post("/sign-up/email", body);
        expect(res.status).toBe(500);
      } finally {
        mode.commitFails = false;
      }
      expect(events).toEqual([]);
    });
  });
}
