import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createBrowser } from "../support/browser.js";
import { createClock, createTestAuth, signedValue, signUpBody, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";

/**
 * The performance budget's first line: get-session on a valid session not yet due for refresh is
 * exactly one SQL statement (session joined to user). Counted with Kysely's query log.
 */
const DAY = 24 * 60 * 60 * 1000;

for (const d of DIALECTS) {
  describe.skipIf(!d.available)(`statements per get-session on ${d.name}`, () => {
    const clock = createClock();
    const START = clock.ms;
    const statements: string[] = [];
    let t: TestAuth;
    beforeAll(async () => {
      t = await createTestAuth(d, {
        advanced: { now: clock.now },
        database: (url) => ({ url, log: (event) => void (event.level === "query" && statements.push(event.query.sql)) }),
      });
    });
    afterAll(async () => t?.close());
    beforeEach(() => clock.set(START));

    /** Statements run by one request. */
    async function count(request: () => Promise<unknown>): Promise<string[]> {
      statements.length = 0;
      await request();
      return [...statements];
    }

    test("a valid session not due for refresh costs exactly one statement, a join of session and user", async () => {
      const browser = createBrowser(t.auth.handler);
      await browser.post("/sign-up/email", signUpBody());
      clock.advance(DAY / 2);
      for (let i = 0; i < 3; i++) {
        const run = await count(async () => expect((await browser.get("/get-session")).body).not.toBeNull());
        expect(run).toHaveLength(1);
        expect(run[0]).toMatch(/select .* from .session. inner join .user./i);
      }
    });

    test("the same holds for a rememberMe:false session", async () => {
      const browser = createBrowser(t.auth.handler);
      await browser.post("/sign-up/email", signUpBody({ rememberMe: false }));
      clock.advance(DAY / 2);
      expect(await count(() => browser.get("/get-session"))).toHaveLength(1);
    });

    test("no cookie, or a cookie with a bad signature, costs no statement at all", async () => {
      expect(await count(() => createBrowser(t.auth.handler).get("/get-session"))).toEqual([]);
      const forged = `better-auth.session_token=${signedValue("A".repeat(32), "y".repeat(32))}`;
      expect(await count(() => createBrowser(t.auth.handler).get("/get-session", { headers: { cookie: forged } }))).toEqual([]);
    });

    test("a session due for refresh costs the lookup plus one update", async () => {
      const browser = createBrowser(t.auth.handler);
      await browser.post("/sign-up/email", signUpBody());
      clock.advance(DAY);
      const run = await count(() => browser.get("/get-session"));
      expect(run).toHaveLength(2);
      expect(run[1]).toMatch(/^update .session./i);
    });
  });
}
