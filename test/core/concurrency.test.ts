import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createBrowser } from "../support/browser.js";
import { countRows, createTestAuth, PASSWORD, signUpBody, uniqueEmail, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";

/** Requests that race each other on a real connection pool. */
for (const d of DIALECTS) {
  describe.skipIf(!d.available)(`concurrent requests on ${d.name}`, () => {
    let t: TestAuth;
    beforeAll(async () => {
      t = await createTestAuth(d);
    });
    afterAll(async () => t?.close());

    test("five simultaneous sign-ups for one email (in different letter cases) make exactly one user; the rest are 422", async () => {
      const email = uniqueEmail("race");
      const before = await countRows(t.auth);
      const variants = [email, email.toUpperCase(), email, email, email.replace(/^./, (c) => c.toUpperCase())];
      const results = await Promise.all(variants.map((address) => createBrowser(t.auth.handler).post("/sign-up/email", signUpBody({ email: address }))));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 422, 422, 422, 422]);
      for (const r of results.filter((x) => x.status === 422)) {
        expect((r.body as { code: string }).code).toBe("USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");
        expect(r.setCookies).toEqual([]);
      }
      expect(await countRows(t.auth)).toEqual({ user: before.user + 1, account: before.account + 1, session: before.session + 1 });
    });

    test("simultaneous sign-ins for one user each get their own working session", async () => {
      const email = uniqueEmail("parallel");
      await createBrowser(t.auth.handler).post("/sign-up/email", signUpBody({ email }));
      const browsers = Array.from({ length: 4 }, () => createBrowser(t.auth.handler));
      const results = await Promise.all(browsers.map((b) => b.post<{ token: string }>("/sign-in/email", { email, password: PASSWORD })));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      expect(new Set(results.map((r) => r.body.token)).size).toBe(4);
      const sessions = await Promise.all(browsers.map((b) => b.get<{ session: { token: string } }>("/get-session")));
      expect(sessions.map((s) => s.body.session.token)).toEqual(results.map((r) => r.body.token));
    });

    test("get-session racing a sign-out never answers the signed-out session afterwards", async () => {
      const browser = createBrowser(t.auth.handler);
      await browser.post("/sign-up/email", signUpBody());
      const cookie = browser.cookieHeader();
      await Promise.all([browser.post("/sign-out"), ...Array.from({ length: 5 }, () => createBrowser(t.auth.handler).get("/get-session", { headers: { cookie } }))]);
      expect((await createBrowser(t.auth.handler).get("/get-session", { headers: { cookie } })).body).toBeNull();
    });
  });
}
