import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createSigner } from "../../src/crypto/signer.js";
import { encodeList } from "../../src/plugins/multi-session/list-cookie.js";
import { account, multiSessionServer, SECRET, type MultiSessionServer } from "../support/multi-session-server.js";
import { createBrowser, type TestBrowser } from "../support/browser.js";
import { DIALECTS } from "../support/dialects.js";

type Entry = { session: { id: string; token?: string }; user: { email: string } };
const LIST = "better-auth.session_list";

/** Everything a request could change: the session rows and the cookies it sets. */
async function snapshot(server: MultiSessionServer) {
  return server.sessionRows();
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`multi-session attacks on ${dialect.name}`, () => {
    let server: MultiSessionServer;
    let victim: TestBrowser;
    let mine: TestBrowser;
    let mineToken: string;
    let victimToken: string;
    beforeAll(async () => {
      server = await multiSessionServer(dialect);
      victim = createBrowser(server.auth.handler);
      victimToken = (await victim.post<{ token: string }>("/sign-up/email", account("Victim"))).body.token;
      mine = createBrowser(server.auth.handler);
      mineToken = (await mine.post<{ token: string }>("/sign-up/email", account("Attacker"))).body.token;
      await mine.post("/sign-up/email", account("Second"));
    });
    afterAll(async () => server?.close());

    const badBodies: Array<[string, () => unknown]> = [
      ["a random token", () => ({ sessionToken: "A".repeat(32) })],
      ["a token of a session that belongs to another browser", () => ({ sessionToken: victimToken })],
      ["a listed token in another letter case", () => ({ sessionToken: mineToken.toLowerCase() })],
      ["an empty token", () => ({ sessionToken: "" })],
      ["a missing body", () => undefined],
      ["a number", () => ({ sessionToken: 12345 })],
      ["both sessionToken and sessionId", () => ({ sessionToken: mineToken, sessionId: "x" })],
      ["neither sessionToken nor sessionId", () => ({})],
      ["another browser's session id", () => ({ sessionId: "unknown-id" })],
    ];
    for (const path of ["/multi-session/set-active", "/multi-session/revoke"]) {
      for (const [name, body] of badBodies) {
        test(`${path} with ${name} is refused and changes nothing`, async () => {
          const before = await snapshot(server);
          const jar = new Map(mine.jar);
          const res = await mine.post(path, body());
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect((res.body as { code: string }).code).toMatch(/^(INVALID_SESSION_TOKEN|VALIDATION_ERROR)$/);
          expect(res.setCookies).toEqual([]);
          expect(await snapshot(server)).toEqual(before);
          expect(mine.jar).toEqual(jar);
        });
      }
    }

    test("a token from another browser cannot be activated by naming its session id", async () => {
      const victimId = (await victim.get<Entry>("/get-session")).body.session.id;
      const res = await mine.post("/multi-session/set-active", { sessionId: victimId });
      expect(res.status).toBe(401);
      expect((await mine.get<Entry>("/get-session")).body.user.email).toBe("second@example.com");
      expect(await server.sessionAlive(victimToken)).toBe(true);
    });
  });

  describe.skipIf(!dialect.available)(`list cookie tampering on ${dialect.name}`, () => {
    let server: MultiSessionServer;
    let listValue: string;
    beforeAll(async () => {
      server = await multiSessionServer(dialect);
      const browser = createBrowser(server.auth.handler);
      await browser.post("/sign-up/email", account("Owner"));
      listValue = decodeURIComponent(browser.jar.get(LIST) as string);
    });
    afterAll(async () => server?.close());

    /** Lists with only the given list cookie (no session cookie), as a browser holding just it. */
    const listWith = async (value: string, name = LIST) => {
      const res = await createBrowser(server.auth.handler).get<Entry[]>("/multi-session/list-device-sessions", {
        headers: { cookie: `${name}=${encodeURIComponent(value)}` },
      });
      expect(res.status).toBe(200);
      return res.body;
    };

    test("the untampered list cookie alone lists its account (control)", async () => {
      expect((await listWith(listValue)).map((e) => e.user.email)).toEqual(["owner@example.com"]);
    });

    test("a list cookie with any single byte changed, in payload or signature, is ignored", async () => {
      for (let i = 0; i < listValue.length; i++) {
        const original = listValue[i] as string;
        const replacement = original === "A" ? "B" : "A";
        const forged = listValue.slice(0, i) + replacement + listValue.slice(i + 1);
        expect(await listWith(forged), `byte ${i}`).toEqual([]);
      }
    });

    test("a truncated, extended or case-changed list cookie is ignored", async () => {
      for (const forged of [
        listValue.slice(0, -1),
        listValue.slice(0, listValue.lastIndexOf(".")),
        `${listValue}A`,
        listValue.replace(".", "~AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA."),
        listValue.toUpperCase(),
        listValue.toLowerCase(),
      ]) {
        expect(await listWith(forged)).toEqual([]);
      }
    });

    test("a list value signed for another cookie name, or a session cookie value moved into the list, is ignored", async () => {
      const signer = createSigner([SECRET]);
      const token = listValue.split(".")[0]?.split("~")[1] as string;
      const forOtherName = decodeURIComponent(await encodeList(signer, "other-app.session_list", [token]));
      expect(await listWith(forOtherName)).toEqual([]);
      const sessionCookieValue = await signer.sign(token);
      expect(await listWith(sessionCookieValue)).toEqual([]);
      // And the genuine list value placed under the session cookie's name authenticates nobody.
      const res = await createBrowser(server.auth.handler).get("/get-session", {
        headers: { cookie: `better-auth.session_token=${encodeURIComponent(listValue)}` },
      });
      expect(res.body).toBeNull();
    });

    test("a list cookie signed with a retired secret is ignored; with [new, old] it is accepted and re-signed", async () => {
      const token = listValue.split(".")[0]?.split("~")[1] as string;
      const oldSigned = decodeURIComponent(await encodeList(createSigner(["retired-secret-0123456789-abcdefghij"]), LIST, [token]));
      expect(await listWith(oldSigned)).toEqual([]);

      const newSecret = "rotated-secret-0123456789-abcdefghijkl";
      const rotated = await multiSessionServer(dialect, {}, { secret: [newSecret, SECRET] });
      try {
        const browser = createBrowser(rotated.auth.handler);
        const own = await browser.post<{ token: string }>("/sign-up/email", account("Rotor"));
        const signedWithOld = await encodeList(createSigner([SECRET]), LIST, [own.body.token]);
        const res = await createBrowser(rotated.auth.handler).get<Entry[]>("/multi-session/list-device-sessions", {
          headers: { cookie: `${LIST}=${signedWithOld}` },
        });
        expect(res.body.map((e) => e.user.email)).toEqual(["rotor@example.com"]);
        const reissued = res.setCookies.find((c) => c.startsWith(`${LIST}=`));
        expect(reissued).toBeDefined();
        const value = (reissued as string).split(";")[0]?.slice(LIST.length + 1) as string;
        expect(value).toBe(await encodeList(createSigner([newSecret]), LIST, [own.body.token]));
      } finally {
        await rotated.close();
      }
    });
  });
}
