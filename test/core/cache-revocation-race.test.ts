import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { redisStorage, type Auth } from "../../src/index.js";
import type { SecondaryStorage } from "../../src/options.js";
import { createBrowser } from "../support/browser.js";
import { createClock, createTestAuth, signUpBody, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";
import { REDIS_URL, redisAvailable } from "../support/redis.js";

/**
 * Issue 14, item 6. On a cache miss get-session reads the row, then writes the cache; a
 * revocation landing between the two used to be undone in the cache until the session expired
 * (up to 7 days), and the extension of a session had the same shape. Here the cache write is held
 * at exactly that point while the revocation runs to completion, then let go: the revoked session
 * must never be accepted again.
 */
interface Gate {
  /** Holds the next write of a cached session until `release()`; resolves once it is held. */
  arm(): Promise<void>;
  release(): void;
}

function gatedStorage(inner: SecondaryStorage, namespace: string): SecondaryStorage & Gate {
  let armed: { reached: () => void; released: Promise<void> } | undefined;
  let release = () => {};
  const name = (k: string) => `${namespace}:${k}`;
  return {
    get: (k) => inner.get(name(k)),
    async set(k, v, ttl) {
      if (armed && k.startsWith("kernia:session:")) {
        const gate = armed;
        armed = undefined;
        gate.reached();
        await gate.released;
      }
      await inner.set(name(k), v, ttl);
    },
    delete: (k) => inner.delete(name(k)),
    increment: (k, ttl) => inner.increment!(name(k), ttl),
    arm() {
      const released = new Promise<void>((resolve) => (release = resolve));
      return new Promise<void>((reached) => (armed = { reached, released }));
    },
    release: () => release(),
  };
}

for (const d of DIALECTS) {
  describe.skipIf(!redisAvailable || !d.available)(`a revocation racing the session cache on ${d.name} + Redis`, () => {
    const clock = createClock();
    const START = clock.ms;
    let server: TestAuth | undefined;
    let auth: Auth;
    const redis = redisAvailable ? redisStorage(REDIS_URL) : undefined;
    const storage = gatedStorage(redis!, `t${randomBytes(4).toString("hex")}`);

    beforeAll(async () => {
      server = await createTestAuth(d, {
        secondaryStorage: storage,
        advanced: { now: clock.now },
      });
      auth = server.auth;
    });
    afterAll(async () => {
      await server?.close();
      await redis?.close();
    });
    beforeEach(() => clock.set(START));

    async function signedIn() {
      const browser = createBrowser(auth.handler);
      const up = await browser.post<{ token: string }>("/sign-up/email", signUpBody());
      expect(up.status).toBe(200);
      return { browser, token: up.body.token, cookie: browser.cookieHeader() };
    }

    const getSession = async (cookie: string) => {
      const res = await auth.handler(new Request("http://localhost:3000/api/auth/get-session", { headers: { cookie } }));
      return (await res.json()) as { session: { token: string } } | null;
    };

    async function rowExists(token: string): Promise<boolean> {
      const row = await auth.$context.db.selectFrom("session").select("id").where("token", "=", token).executeTakeFirst();
      return row !== undefined;
    }

    /** Runs `racer` until its cache write is held, runs `revoke` to completion, then lets the write go. */
    async function race(racer: () => Promise<unknown>, revoke: () => Promise<{ status: number }>) {
      const held = storage.arm();
      const pending = racer();
      await held;
      try {
        expect((await revoke()).status).toBe(200);
      } finally {
        storage.release();
      }
      await pending;
    }

    test("get-session filling the cache while sign-out revokes the session does not bring it back", async () => {
      const { browser, token, cookie } = await signedIn();
      await race(
        () => getSession(cookie),
        () => browser.post("/sign-out"),
      );
      expect(await rowExists(token)).toBe(false);
      expect(await getSession(cookie)).toBeNull();
    });

    test("get-session filling the cache while revoke-session revokes it from another browser does not bring it back", async () => {
      const { token, cookie } = await signedIn();
      const other = createBrowser(auth.handler);
      for (const pair of cookie.split("; ")) {
        const eq = pair.indexOf("=");
        other.jar.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
      await race(
        () => getSession(cookie),
        () => other.post("/revoke-session", { token }),
      );
      expect(await getSession(cookie)).toBeNull();
    });

    test("an extension of a cached session racing sign-out does not bring the session back", async () => {
      const { browser, token, cookie } = await signedIn();
      expect((await getSession(cookie))?.session.token).toBe(token); // now cached
      clock.advance(2 * 24 * 60 * 60 * 1000); // past updateAge: the next get-session extends
      await race(
        () => getSession(cookie),
        () => browser.post("/sign-out"),
      );
      expect(await rowExists(token)).toBe(false);
      expect(await getSession(cookie)).toBeNull();
    });
  });
}
