import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { tabSessionHeaders, TAB_SESSION_HEADER } from "../../src/index.js";
import { createBrowser, type TestBrowser } from "../support/browser.js";
import { DIALECTS } from "../support/dialects.js";
import { account, multiSessionServer, type MultiSessionServer } from "../support/multi-session-server.js";

type Entry = { session: { id: string; token: string }; user: { email: string } };
const DAY = 24 * 3600 * 1000;

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`per-tab accounts on ${dialect.name}`, () => {
    let server: MultiSessionServer;
    let browser: TestBrowser;
    let other: TestBrowser;
    const ids: Record<string, string> = {};

    /** A request with the tab's choice; cookies and rows before and after, to show nothing else moved. */
    async function asTab(sessionId: string, path = "/get-session", extra: Record<string, string> = {}) {
      const rows = await server.sessionRows();
      const jar = new Map(browser.jar);
      const res = await browser.get<Entry | { code: string } | null>(path, { headers: { [TAB_SESSION_HEADER]: sessionId, ...extra } });
      return { res, rowsBefore: rows, jarBefore: jar };
    }

    async function expectRefusedUntouched(sessionId: string, status: number, code: string, extra: Record<string, string> = {}, path = "/get-session") {
      const { res, rowsBefore, jarBefore } = await asTab(sessionId, path, extra);
      expect(res.status).toBe(status);
      expect((res.body as { code: string }).code).toBe(code);
      expect(res.setCookies).toEqual([]);
      expect(await server.sessionRows()).toEqual(rowsBefore);
      expect(browser.jar).toEqual(jarBefore);
    }

    beforeAll(async () => {
      server = await multiSessionServer(dialect, { maximum: 5 });
      browser = createBrowser(server.auth.handler);
      for (const name of ["Ada", "Bob", "Cy"]) await browser.post("/sign-up/email", account(name));
      const listed = (await browser.get<Entry[]>("/multi-session/list-device-sessions")).body;
      for (const entry of listed) ids[entry.user.email.split("@")[0]!] = entry.session.id;
      other = createBrowser(server.auth.handler);
      await other.post("/sign-up/email", account("Eve"));
      ids.eve = (await other.get<Entry>("/get-session")).body.session.id;
    });
    afterAll(async () => server?.close());

    test("a tab that names one of the browser's accounts acts as it; without the header, as the active one", async () => {
      const { res, jarBefore } = await asTab(ids.ada!);
      expect(res.status).toBe(200);
      expect((res.body as Entry).user.email).toBe("ada@example.com");
      expect(res.setCookies).toEqual([]);
      expect(browser.jar).toEqual(jarBefore);
      expect((await browser.get<Entry>("/get-session")).body.user.email).toBe("cy@example.com");
    });

    test("every endpoint behind a session sees the tab's account: list-sessions answers Ada's", async () => {
      const { res } = await asTab(ids.ada!, "/list-sessions");
      expect(res.status).toBe(200);
      const sessions = res.body as unknown as Array<{ id: string }>;
      expect(sessions.map((s) => s.id)).toEqual([ids.ada]);
    });

    test("auth.api.getSession honours the header, and tabSessionHeaders reads it from a page address", async () => {
      const cookie = browser.cookieHeader();
      const direct = await server.auth.api.getSession({ headers: { cookie, [TAB_SESSION_HEADER]: ids.bob! } });
      expect(direct?.user.email).toBe("bob@example.com");
      const page = new Request(`http://localhost:3000/inbox?kernia_session=${ids.bob}`, { headers: { cookie, "sec-fetch-site": "none" } });
      expect((await server.auth.api.getSession({ headers: tabSessionHeaders(page) }))?.user.email).toBe("bob@example.com");
    });

    test("tabSessionHeaders ignores the parameter on a page another site linked to (the browser's active account renders)", async () => {
      const cookie = browser.cookieHeader();
      const page = new Request(`http://localhost:3000/inbox?kernia_session=${ids.bob}`, { headers: { cookie, "sec-fetch-site": "cross-site" } });
      const headers = tabSessionHeaders(page);
      expect(headers.has(TAB_SESSION_HEADER)).toBe(false);
      expect((await server.auth.api.getSession({ headers }))?.user.email).toBe("cy@example.com");
    });

    test("a tab's session is extended when due without pointing the browser's session cookie at it", async () => {
      server.clock.now += 2 * DAY;
      try {
        const { res, rowsBefore } = await asTab(ids.ada!);
        expect((res.body as Entry).user.email).toBe("ada@example.com");
        expect(res.setCookies).toEqual([]);
        const after = await server.sessionRows();
        expect(after).not.toEqual(rowsBefore);
        expect((await browser.get<Entry>("/get-session")).body.user.email).toBe("cy@example.com");
      } finally {
        server.clock.now -= 2 * DAY;
      }
    });

    test("attack: naming another browser's session id is refused, no row changed, no cookie set", async () => {
      await expectRefusedUntouched(ids.eve!, 401, "TAB_SESSION_UNAVAILABLE");
    });

    test("attack: forged header values (random id, SQL, oversize, empty) are refused, no row changed, no cookie set", async () => {
      for (const forged of ["A".repeat(32), "' OR 1=1 --", "x".repeat(5000), "", "../../get-session"]) {
        await expectRefusedUntouched(forged, 401, "TAB_SESSION_UNAVAILABLE");
      }
    });

    test("attack: a forged list cookie that lists another browser's token cannot make its session id usable", async () => {
      const list = [...browser.jar.keys()].find((name) => name.endsWith("session_list"))!;
      const saved = browser.jar.get(list)!;
      const eveToken = other.jar.get("better-auth.session_token")!.split(".")[0]!;
      browser.jar.set(list, `v1~${eveToken}.${saved.split(".").at(-1)}`);
      try {
        await expectRefusedUntouched(ids.eve!, 401, "TAB_SESSION_UNAVAILABLE");
      } finally {
        browser.jar.set(list, saved);
      }
    });

    test("attack: a cross-site request carrying the header is refused (Origin and fetch metadata), no row changed, no cookie set", async () => {
      await expectRefusedUntouched(ids.ada!, 403, "INVALID_ORIGIN", { origin: "https://evil.example" });
      await expectRefusedUntouched(ids.ada!, 403, "INVALID_ORIGIN", { "sec-fetch-site": "cross-site" });
      await expectRefusedUntouched(ids.ada!, 403, "INVALID_ORIGIN", { origin: "null" });
      const rows = await server.sessionRows();
      const res = await browser.post("/revoke-other-sessions", {}, { headers: { [TAB_SESSION_HEADER]: ids.ada!, origin: "https://evil.example" } });
      expect(res.status).toBe(403);
      expect(res.setCookies).toEqual([]);
      expect(await server.sessionRows()).toEqual(rows);
    });

    test("attack: a session revoked elsewhere is refused as the tab's choice, no row changed, no cookie set; without the header the browser goes on", async () => {
      const second = createBrowser(server.auth.handler);
      second.jar.clear();
      for (const [name, value] of browser.jar) second.jar.set(name, value);
      // The same browser's other tab signs Bob out; this tab still names him.
      const revoked = await second.post("/multi-session/revoke", { sessionId: ids.bob });
      expect(revoked.status).toBe(200);
      for (const [name, value] of second.jar) browser.jar.set(name, value);
      await expectRefusedUntouched(ids.bob!, 401, "TAB_SESSION_UNAVAILABLE");
      expect((await browser.get<Entry>("/get-session")).body.user.email).toBe("cy@example.com");
    });
  });
}
