import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Auth } from "../../src/index.js";
import { multiSession } from "../../src/plugins/index.js";
import type { Plugin } from "../../src/plugins/types.js";
import { createBrowser, type TestBrowser } from "../support/browser.js";
import { countRows, createTestAuth, PASSWORD, SECRET, signedValue, signUpBody, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";

/**
 * Issue 14, item 3. A sibling subdomain can plant a cookie under Better Auth's legacy prefix whose
 * name cannot be written back in a `Set-Cookie` (`@` is not a token character). Kernia used to echo
 * every legacy name into an expiring `Set-Cookie`, the serializer refused it, and sign-in,
 * list-device-sessions and sign-out answered 500 after having written rows. Such names are now
 * ignored, and a request that fails writes nothing.
 */
const PLANTED = "better-auth.session_token_multi-x@y";
type Entry = { session: { token: string; userId: string }; user: { id: string; email: string } };

/**
 * A plugin that fails every sign-in while armed, after the multi-session plugin has done its work:
 * `"handler"` throws in the endpoint; `"commit"` queues a write that fails inside the transaction,
 * after the session insert and the revocations have run in it.
 */
function failingAfterSignIn() {
  const state: { armed: false | "handler" | "commit" } = { armed: false };
  const plugin: Plugin = {
    id: "fails-after-sign-in",
    events: {
      async sessionCreated(ctx) {
        if (state.armed === "handler") throw new Error("injected failure after the session was created");
        if (state.armed === "commit") {
          ctx.write(async () => {
            throw new Error("injected database failure while committing");
          });
        }
      },
    },
  };
  return { state, plugin };
}

async function sessionTokens(auth: Auth): Promise<string[]> {
  const rows = await auth.$context.db.selectFrom("session").select("token").orderBy("token").execute();
  return rows.map((r) => r.token);
}

for (const d of DIALECTS) {
  describe.skipIf(!d.available)(`planted cookies and failed requests on ${d.name}`, () => {
    let server: TestAuth | undefined;
    let auth: Auth;
    const failure = failingAfterSignIn();
    const logged: unknown[] = [];

    beforeAll(async () => {
      server = await createTestAuth(d, {
        plugins: [multiSession(), failure.plugin],
        logger: { warn: () => {}, error: (...args: unknown[]) => logged.push(args) },
      });
      auth = server.auth;
    });
    afterAll(async () => {
      await server?.close();
    });

    async function twoAccounts(): Promise<{ browser: TestBrowser; emails: [string, string] }> {
      const browser = createBrowser(auth.handler);
      const a = signUpBody();
      const b = signUpBody();
      expect((await browser.post("/sign-up/email", a)).status).toBe(200);
      expect((await browser.post("/sign-up/email", b)).status).toBe(200);
      return { browser, emails: [a.email as string, b.email as string] };
    }

    const plant = (browser: TestBrowser) => browser.jar.set(PLANTED, signedValue("planted", SECRET));

    test("a planted unwritable legacy cookie name does not break sign-in: one session row, never echoed", async () => {
      const { browser, emails } = await twoAccounts();
      plant(browser);
      const before = await countRows(auth);
      const res = await browser.post<{ token: string }>("/sign-in/email", { email: emails[0], password: PASSWORD });
      expect(res.status).toBe(200);
      expect(res.setCookies.some((line) => line.includes("x@y"))).toBe(false);
      // The sign-in replaced the user's older session: one created, one revoked.
      expect((await countRows(auth)).session).toBe(before.session);
      const listed = await browser.get<Entry[]>("/multi-session/list-device-sessions");
      expect(listed.status).toBe(200);
      expect(listed.body.map((e) => e.user.email).sort()).toEqual([...emails].sort());
    });

    test("a planted unwritable legacy cookie name does not break list-device-sessions", async () => {
      const { browser, emails } = await twoAccounts();
      plant(browser);
      const res = await browser.get<Entry[]>("/multi-session/list-device-sessions");
      expect(res.status).toBe(200);
      expect(res.body.map((e) => e.user.email).sort()).toEqual([...emails].sort());
      expect(res.setCookies.some((line) => line.includes("x@y"))).toBe(false);
    });

    test("a planted unwritable legacy cookie name does not stop sign-out: every listed session is revoked", async () => {
      const { browser } = await twoAccounts();
      const listed = await browser.get<Entry[]>("/multi-session/list-device-sessions");
      const tokens = listed.body.map((e) => e.session.token);
      plant(browser);
      const old = browser.cookieHeader();
      const res = await browser.post("/sign-out");
      expect(res.status).toBe(200);
      const remaining = await sessionTokens(auth);
      for (const token of tokens) expect(remaining).not.toContain(token);
      const replay = await auth.handler(new Request("http://localhost:3000/api/auth/get-session", { headers: { cookie: old } }));
      expect(await replay.json()).toBeNull();
    });

    for (const where of ["handler", "commit"] as const) {
      test(`a sign-in that fails in its ${where} after its session was made writes no row, revokes nothing and sets no cookie`, async () => {
        const { browser, emails } = await twoAccounts();
        const rowsBefore = await sessionTokens(auth);
        const jarBefore = new Map(browser.jar);
        logged.length = 0;
        failure.state.armed = where;
        try {
          // Signing in as the first account again would replace (revoke) its older session.
          const res = await browser.post("/sign-in/email", { email: emails[0], password: PASSWORD });
          expect(res.status).toBe(500);
          expect(res.setCookies).toEqual([]);
        } finally {
          failure.state.armed = false;
        }
        expect(logged).toHaveLength(1);
        expect(await sessionTokens(auth)).toEqual(rowsBefore);
        expect(browser.jar).toEqual(jarBefore);
        const listed = await browser.get<Entry[]>("/multi-session/list-device-sessions");
        expect(listed.body.map((e) => e.user.email).sort()).toEqual([...emails].sort());
      });

      test(`a sign-up that fails in its ${where} leaves no user, account or session row`, async () => {
        const browser = createBrowser(auth.handler);
        const before = await countRows(auth);
        failure.state.armed = where;
        try {
          const res = await browser.post("/sign-up/email", signUpBody());
          expect(res.status).toBe(500);
          expect(res.setCookies).toEqual([]);
        } finally {
          failure.state.armed = false;
        }
        expect(await countRows(auth)).toEqual(before);
      });
    }
  });
}
