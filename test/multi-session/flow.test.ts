import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { account, multiSessionServer, type MultiSessionServer } from "../support/multi-session-server.js";
import { createBrowser } from "../support/browser.js";
import { DIALECTS } from "../support/dialects.js";

type Entry = { session: { id: string; token: string; expiresAt: string }; user: { id: string; email: string } };
const LIST = "better-auth.session_list";
const TOKEN = "better-auth.session_token";

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`multi-session flow on ${dialect.name}`, () => {
    let server: MultiSessionServer;
    beforeAll(async () => {
      server = await multiSessionServer(dialect);
    });
    afterAll(async () => server?.close());

    test("Better Auth's flow: sign in, add an account, list, switch, revoke the active one, sign out", async () => {
      const browser = createBrowser(server.auth.handler);
      const first = await browser.post<{ token: string }>("/sign-up/email", account("Ada"));
      expect(first.status).toBe(200);
      expect(browser.jar.has(LIST)).toBe(true);

      const second = await browser.post<{ token: string }>("/sign-up/email", account("Bob"));
      expect(second.status).toBe(200);
      const current = await browser.get<Entry>("/get-session");
      expect(current.body.user.email).toBe("bob@example.com");

      const list = await browser.get<Entry[]>("/multi-session/list-device-sessions");
      expect(list.status).toBe(200);
      expect(list.body.map((e) => e.user.email)).toEqual(["bob@example.com", "ada@example.com"]);
      const oldCookies = [browser.cookieHeader()];

      const switched = await browser.post<Entry>("/multi-session/set-active", { sessionToken: first.body.token });
      expect(switched.status).toBe(200);
      expect(switched.body.user.email).toBe("ada@example.com");
      expect((await browser.get<Entry>("/get-session")).body.user.email).toBe("ada@example.com");
      oldCookies.push(browser.cookieHeader());

      const revoked = await browser.post<{ status: boolean; active: Entry | null }>("/multi-session/revoke", {
        sessionToken: first.body.token,
      });
      expect(revoked.status).toBe(200);
      expect(revoked.body.status).toBe(true);
      expect(revoked.body.active?.user.email).toBe("bob@example.com");
      expect((await browser.get<Entry>("/get-session")).body.user.email).toBe("bob@example.com");
      expect(await server.sessionAlive(first.body.token)).toBe(false);
      oldCookies.push(browser.cookieHeader());

      const out = await browser.post<{ success: boolean }>("/sign-out");
      expect(out.body).toEqual({ success: true });
      expect(browser.jar.has(LIST)).toBe(false);
      expect(browser.jar.has(TOKEN)).toBe(false);
      expect((await browser.get<Entry[]>("/multi-session/list-device-sessions")).body).toEqual([]);
      expect(await server.sessionAlive(second.body.token)).toBe(false);

      // Replaying any cookie set this browser held finds nothing alive.
      for (const cookie of oldCookies) {
        const replay = createBrowser(server.auth.handler);
        expect((await replay.get("/get-session", { headers: { cookie } })).body).toBeNull();
        expect((await replay.get("/multi-session/list-device-sessions", { headers: { cookie } })).body).toEqual([]);
      }
    });

    test("the cap evicts the least recently active account and revokes its session", async () => {
      const capped = await multiSessionServer(dialect, { maximum: 2 });
      try {
        const browser = createBrowser(capped.auth.handler);
        const tokens: string[] = [];
        for (const name of ["Ann", "Ben", "Cat"]) {
          const res = await browser.post<{ token: string }>("/sign-up/email", account(name));
          expect(res.status).toBe(200);
          tokens.push(res.body.token);
        }
        const list = await browser.get<Entry[]>("/multi-session/list-device-sessions");
        expect(list.body.map((e) => e.user.email).sort()).toEqual(["ben@example.com", "cat@example.com"]);
        expect(await capped.sessionAlive(tokens[0] as string)).toBe(false);
        expect(await capped.sessionAlive(tokens[1] as string)).toBe(true);

        // Switching to Ben makes Cat the least recently active: the next sign-in evicts Cat.
        await browser.post("/multi-session/set-active", { sessionToken: tokens[1] });
        const again = await browser.post<{ token: string }>("/sign-in/email", { email: "ann@example.com", password: account("x").password });
        expect(again.status).toBe(200);
        const after = await browser.get<Entry[]>("/multi-session/list-device-sessions");
        expect(after.body.map((e) => e.user.email)).toEqual(["ann@example.com", "ben@example.com"]);
        expect(await capped.sessionAlive(tokens[2] as string)).toBe(false);
      } finally {
        await capped.close();
      }
    });

    test("signing in again as a listed user replaces the entry and revokes the older session", async () => {
      const browser = createBrowser(server.auth.handler);
      const up = await browser.post<{ token: string }>("/sign-up/email", account("Dan"));
      const again = await browser.post<{ token: string }>("/sign-in/email", { email: "dan@example.com", password: account("x").password });
      expect(again.status).toBe(200);
      const list = await browser.get<Entry[]>("/multi-session/list-device-sessions");
      expect(list.body.map((e) => e.session.token)).toEqual([again.body.token]);
      expect(await server.sessionAlive(up.body.token)).toBe(false);
    });

    test("an expired session is not listed and leaves the cookie in the same response", async () => {
      const browser = createBrowser(server.auth.handler);
      const short = await browser.post<{ token: string }>("/sign-up/email", { ...account("Eve"), rememberMe: false });
      const long = await browser.post<{ token: string }>("/sign-up/email", account("Fay"));
      const start = server.clock.now;
      try {
        server.clock.now = start + 24 * 3600 * 1000 + 1000; // past Eve's one-day session
        const list = await browser.get<Entry[]>("/multi-session/list-device-sessions");
        expect(list.body.map((e) => e.session.token)).toEqual([long.body.token]);
        const rewritten = list.setCookies.find((c) => c.startsWith(`${LIST}=`)) ?? "";
        expect(decodeURIComponent(rewritten)).not.toContain(short.body.token);
        expect(decodeURIComponent(rewritten)).toContain(long.body.token);
      } finally {
        server.clock.now = start;
      }
    });

    test("a session revoked from another browser through /revoke-session drops out of the list", async () => {
      const browser = createBrowser(server.auth.handler);
      const gus = await browser.post<{ token: string }>("/sign-up/email", account("Gus"));
      const hal = await browser.post<{ token: string }>("/sign-up/email", account("Hal"));
      const laptop = createBrowser(server.auth.handler);
      await laptop.post("/sign-in/email", { email: "gus@example.com", password: account("x").password });
      const revoked = await laptop.post("/revoke-session", { token: gus.body.token });
      expect(revoked.status).toBe(200);
      const list = await browser.get<Entry[]>("/multi-session/list-device-sessions");
      expect(list.body.map((e) => e.session.token)).toEqual([hal.body.token]);
      expect(decodeURIComponent(list.setCookies.find((c) => c.startsWith(`${LIST}=`)) ?? "")).not.toContain(gus.body.token);
    });

    test("revoking another account keeps the active one and answers it", async () => {
      const browser = createBrowser(server.auth.handler);
      const ivy = await browser.post<{ token: string }>("/sign-up/email", account("Ivy"));
      const jon = await browser.post<{ token: string }>("/sign-up/email", account("Jon"));
      const res = await browser.post<{ status: boolean; active: Entry | null }>("/multi-session/revoke", { sessionToken: ivy.body.token });
      expect(res.body.active?.session.token).toBe(jon.body.token);
      expect(res.setCookies.some((c) => c.startsWith(`${TOKEN}=`))).toBe(false);
      const last = await browser.post<{ status: boolean; active: Entry | null }>("/multi-session/revoke", { sessionToken: jon.body.token });
      expect(last.body).toEqual({ status: true, active: null });
      expect(browser.jar.has(TOKEN)).toBe(false);
      expect(browser.jar.has(LIST)).toBe(false);
    });

    test("set-active and revoke work after the active session has died", async () => {
      const browser = createBrowser(server.auth.handler);
      const kim = await browser.post<{ token: string }>("/sign-up/email", account("Kim"));
      const leo = await browser.post<{ token: string }>("/sign-up/email", account("Leo"));
      await server.auth.$context.sessions.deleteByTokens([leo.body.token]); // Leo's session dies elsewhere
      const switched = await browser.post<Entry>("/multi-session/set-active", { sessionToken: kim.body.token });
      expect(switched.status).toBe(200);
      expect((await browser.get<Entry>("/get-session")).body.session.token).toBe(kim.body.token);
      const res = await browser.post<{ status: boolean; active: Entry | null }>("/multi-session/revoke", { sessionToken: kim.body.token });
      expect(res.status).toBe(200);
      expect(res.body.active).toBeNull();
    });

    test("the list cookie's Max-Age follows the longest-lived listed session", async () => {
      const browser = createBrowser(server.auth.handler);
      await browser.post("/sign-up/email", account("Mia"));
      const start = server.clock.now;
      try {
        server.clock.now = start + 3 * 24 * 3600 * 1000;
        const res = await browser.post("/sign-up/email", account("Ned"));
        const list = res.setCookies.find((c) => c.startsWith(`${LIST}=`)) ?? "";
        expect(list).toMatch(/Max-Age=604800(;|$)/); // Ned's new 7-day session outlives Mia's 4 days left
        const listOnlyMia = await browser.post<{ active: Entry | null }>("/multi-session/revoke", {
          sessionToken: (res.body as { token: string }).token,
        });
        const rewritten = listOnlyMia.setCookies.find((c) => c.startsWith(`${LIST}=`)) ?? "";
        expect(rewritten).toMatch(/Max-Age=345600(;|$)/);
      } finally {
        server.clock.now = start;
      }
    });
  });
}
