import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createAuthClient } from "better-auth/client";
import { multiSessionClient } from "better-auth/client/plugins";
import { kernia, type Auth } from "../../src/index.js";
import { multiSession } from "../../src/plugins/index.js";
import { toNodeHandler } from "../../src/node/index.js";
import { DIALECTS, type TestDatabase } from "../support/dialects.js";
import { SECRET, account } from "../support/multi-session-server.js";

/** Better Auth's own client, unchanged, against a Kernia server on a real port. */
for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`Better Auth's client drives Kernia over HTTP on ${dialect.name}`, () => {
    let server: Server;
    let auth: Auth;
    let database: TestDatabase;
    let origin: string;

    beforeAll(async () => {
      database = await dialect.create();
      let handle: ReturnType<typeof toNodeHandler> = () => Promise.resolve();
      server = createServer((req, res) => void handle(req, res));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      auth = kernia({ database: database.url, secret: SECRET, baseURL: origin, plugins: [multiSession()] });
      await auth.migrate();
      handle = toNodeHandler(auth);
    });
    afterAll(async () => {
      await new Promise((resolve) => server?.close(resolve));
      await auth?.close();
      await database?.drop();
    });

    /** A client with a cookie jar, as a browser would keep one. */
    function browserClient() {
      const jar = new Map<string, string>();
      const client = createAuthClient({
        baseURL: `${origin}/api/auth`,
        plugins: [multiSessionClient()],
        fetchOptions: {
          customFetchImpl: async (input, init) => {
            const headers = new Headers(init?.headers);
            headers.set("origin", origin);
            if (jar.size) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
            const response = await fetch(input, { ...init, headers });
            for (const line of response.headers.getSetCookie()) {
              const pair = line.split(";")[0] as string;
              const name = pair.slice(0, pair.indexOf("="));
              const value = pair.slice(name.length + 1);
              if (value === "" || /Max-Age=0(;|$)/.test(line)) jar.delete(name);
              else jar.set(name, value);
            }
            return response;
          },
        },
      });
      return { client, jar };
    }

    test("sign up two accounts, list them, switch, revoke, sign out", async () => {
      const { client, jar } = browserClient();
      const first = await client.signUp.email(account("Rae"));
      expect(first.error).toBeNull();
      const second = await client.signUp.email(account("Sol"));
      expect(second.error).toBeNull();
      expect((await client.getSession()).data?.user.email).toBe("sol@example.com");

      const listed = await client.multiSession.listDeviceSessions();
      expect(listed.error).toBeNull();
      expect(listed.data?.map((e) => e.user.email).sort()).toEqual(["rae@example.com", "sol@example.com"]);

      const rae = listed.data?.find((e) => e.user.email === "rae@example.com");
      const switched = await client.multiSession.setActive({ sessionToken: rae?.session.token as string });
      expect(switched.error).toBeNull();
      expect((await client.getSession()).data?.user.email).toBe("rae@example.com");

      const revoked = await client.multiSession.revoke({ sessionToken: rae?.session.token as string });
      expect(revoked.error).toBeNull();
      expect((await client.getSession()).data?.user.email).toBe("sol@example.com");
      expect((await client.multiSession.listDeviceSessions()).data?.map((e) => e.user.email)).toEqual(["sol@example.com"]);

      const out = await client.signOut();
      expect(out.error).toBeNull();
      expect((await client.getSession()).data).toBeNull();
      expect((await client.multiSession.listDeviceSessions()).data).toEqual([]);
      expect(jar.size).toBe(0);
    });

    test("Better Auth's client gets Kernia's error code for a token this browser does not hold", async () => {
      const { client } = browserClient();
      await client.signUp.email(account("Tor"));
      const res = await client.multiSession.setActive({ sessionToken: "B".repeat(32) });
      expect(res.error?.status).toBe(401);
      expect(res.error?.code).toBe("INVALID_SESSION_TOKEN");
    });
  });
}
