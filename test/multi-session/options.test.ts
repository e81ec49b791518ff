import { describe, expect, test } from "vitest";
import { serializeSignedCookie } from "better-call";
import { kernia } from "../../src/index.js";
import { multiSession } from "../../src/plugins/index.js";
import { maximumEntries } from "../../src/plugins/multi-session/list-cookie.js";
import { account, multiSessionServer } from "../support/multi-session-server.js";
import { createBrowser } from "../support/browser.js";
import { DIALECTS } from "../support/dialects.js";

type Entry = { session: { id: string; token?: string }; user: { email: string } };
const LIST = "better-auth.session_list";
const LARGEST = maximumEntries("__Secure-better-auth.session_list".length);

describe("multi-session options", () => {
  test("maximum outside 1..largest is refused at startup with a message naming the option", () => {
    const make = (maximum: number) => () =>
      kernia({ database: "sqlite::memory:", secret: "s".repeat(32), plugins: [multiSession({ maximum })] });
    for (const bad of [0, -1, 1.5, LARGEST + 1]) expect(make(bad)).toThrow(/multiSession\.maximum.*4096/);
    expect(make(LARGEST)).not.toThrow();
    expect(() =>
      kernia({ database: "sqlite::memory:", secret: "s".repeat(32), plugins: [multiSession({ maximumSessions: 0 })] }),
    ).toThrow(/multiSession\.maximum/);
  });

  test("maximumSessions is accepted as Better Auth's name for maximum", async () => {
    const server = await multiSessionServer(DIALECTS[0]!, { maximumSessions: 1 });
    try {
      const browser = createBrowser(server.auth.handler);
      await browser.post("/sign-up/email", account("One"));
      await browser.post("/sign-up/email", account("Two"));
      const list = await browser.get<Entry[]>("/multi-session/list-device-sessions");
      expect(list.body.map((e) => e.user.email)).toEqual(["two@example.com"]);
    } finally {
      await server.close();
    }
  });
});

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`multi-session on ${dialect.name}`, () => {
    test("exposeTokens: false leaves no session token in the list JSON, and switching by sessionId works", async () => {
      const server = await multiSessionServer(dialect, { exposeTokens: false });
      try {
        const browser = createBrowser(server.auth.handler);
        const tokens = [];
        for (const name of ["Pia", "Quin"]) tokens.push((await browser.post<{ token: string }>("/sign-up/email", account(name))).body.token);
        const list = await browser.get<Entry[]>("/multi-session/list-device-sessions");
        const json = JSON.stringify(list.body);
        for (const token of tokens) expect(json).not.toContain(token);
        expect(list.body.every((e) => !("token" in e.session))).toBe(true);

        const pia = list.body.find((e) => e.user.email === "pia@example.com") as Entry;
        const switched = await browser.post<Entry>("/multi-session/set-active", { sessionId: pia.session.id });
        expect(switched.status).toBe(200);
        expect(JSON.stringify(switched.body)).not.toContain(tokens[0]);
        expect((await browser.get<Entry>("/get-session")).body.user.email).toBe("pia@example.com");
        const revoked = await browser.post<{ active: Entry | null }>("/multi-session/revoke", { sessionId: pia.session.id });
        expect(revoked.body.active?.user.email).toBe("quin@example.com");
        expect(JSON.stringify(revoked.body)).not.toContain(tokens[1]);
      } finally {
        await server.close();
      }
    });

    test("listing 1, 5 and 10 accounts runs exactly one database query each time", async () => {
      const server = await multiSessionServer(dialect, { maximum: 10 });
      try {
        const browser = createBrowser(server.auth.handler);
        for (let i = 1; i <= 10; i++) {
          await browser.post("/sign-up/email", account(`User${i}`));
          if (![1, 5, 10].includes(i)) continue;
          server.queries.length = 0;
          const list = await browser.get<Entry[]>("/multi-session/list-device-sessions");
          expect(list.body).toHaveLength(i);
          expect(server.queries).toHaveLength(1);
        }
      } finally {
        await server.close();
      }
    });

    test("the list cookie stays under 4096 bytes at the largest allowed maximum, over https", async () => {
      const server = await multiSessionServer(dialect, { maximum: LARGEST }, { baseURL: "https://app.example.com" });
      try {
        const browser = createBrowser(server.auth.handler, { origin: "https://app.example.com" });
        let last = "";
        for (let i = 0; i < LARGEST; i++) {
          const res = await browser.post("/sign-up/email", account(`Many${i}`));
          last = res.setCookies.find((c) => c.startsWith(`__Secure-${LIST}=`)) ?? last;
        }
        const nameAndValue = last.split(";")[0] as string;
        expect(nameAndValue.split("~")).toHaveLength(LARGEST + 1);
        expect(Buffer.byteLength(nameAndValue)).toBeLessThan(4096);
        expect(Buffer.byteLength(last)).toBeLessThan(4096 + 100);
        const list = await browser.get<Entry[]>("/multi-session/list-device-sessions");
        expect(list.body).toHaveLength(LARGEST);
      } finally {
        await server.close();
      }
    }, 120_000);

    test("Better Auth's per-session cookies are folded into the list and expired", async () => {
      const server = await multiSessionServer(dialect);
      try {
        const a = createBrowser(server.auth.handler);
        const b = createBrowser(server.auth.handler);
        const ta = (await a.post<{ token: string }>("/sign-up/email", account("Old1"))).body.token;
        const tb = (await b.post<{ token: string }>("/sign-up/email", account("Old2"))).body.token;
        const secret = server.auth.$context.options.secret as string;
        // Cookies exactly as Better Auth's own signing code writes them.
        const signed = async (name: string, t: string) => (await serializeSignedCookie(name, t, secret)).split(";")[0] as string;
        const legacy = (t: string) => signed(`better-auth.session_token_multi-${t.toLowerCase()}`, t);
        const cookie = [await signed("better-auth.session_token", tb), await legacy(ta), await legacy(tb)].join("; ");
        const upgraded = createBrowser(server.auth.handler);
        const res = await upgraded.get<Entry[]>("/multi-session/list-device-sessions", { headers: { cookie } });
        expect(res.body.map((e) => e.user.email).sort()).toEqual(["old1@example.com", "old2@example.com"]);
        for (const t of [ta, tb]) {
          expect(res.setCookies).toContainEqual(expect.stringMatching(new RegExp(`^better-auth\\.session_token_multi-${t.toLowerCase()}=; Max-Age=0`)));
        }
        const list = res.setCookies.find((c) => c.startsWith(`${LIST}=`)) ?? "";
        expect(decodeURIComponent(list)).toContain(ta);
        expect(decodeURIComponent(list)).toContain(tb);
      } finally {
        await server.close();
      }
    });
  });
}
