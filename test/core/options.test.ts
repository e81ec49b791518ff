import { afterEach, describe, expect, test } from "vitest";
import { createBrowser } from "../support/browser.js";
import { cookieAttribute, countRows, createClock, createTestAuth, expectError, PASSWORD, setCookieLine, signUpBody, uniqueEmail, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";

/** Options change behaviour the way their names (Better Auth's) say. */
describe("options", () => {
  let t: TestAuth | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });
  const sqlite = DIALECTS[0]!;

  test("emailAndPassword.autoSignIn:false creates the user but no session: {token:null, user}, no cookie", async () => {
    t = await createTestAuth(sqlite, { emailAndPassword: { autoSignIn: false } });
    const res = await createBrowser(t.auth.handler).post<{ token: string | null; user: { email: string } }>("/sign-up/email", signUpBody());
    expect(res.status).toBe(200);
    expect(res.body.token).toBeNull();
    expect(res.setCookies).toEqual([]);
    expect(await countRows(t.auth)).toEqual({ user: 1, account: 1, session: 0 });
  });

  test("emailAndPassword.enabled:false refuses sign-up and sign-in and writes nothing", async () => {
    t = await createTestAuth(sqlite, { emailAndPassword: { enabled: false } });
    expectError(await createBrowser(t.auth.handler).post("/sign-up/email", signUpBody()), 400, "EMAIL_PASSWORD_DISABLED");
    expectError(await createBrowser(t.auth.handler).post("/sign-in/email", { email: uniqueEmail(), password: PASSWORD }), 400, "EMAIL_PASSWORD_DISABLED");
    expect(await countRows(t.auth)).toEqual({ user: 0, account: 0, session: 0 });
  });

  test("min and max password lengths are honoured on both sides of each bound", async () => {
    t = await createTestAuth(sqlite, { emailAndPassword: { minPasswordLength: 12, maxPasswordLength: 16 } });
    const signUp = (password: string) => createBrowser(t!.auth.handler).post("/sign-up/email", signUpBody({ password }));
    expectError(await signUp("a".repeat(11)), 400, "PASSWORD_TOO_SHORT");
    expect((await signUp("a".repeat(12))).status).toBe(200);
    expect((await signUp("a".repeat(16))).status).toBe(200);
    expectError(await signUp("a".repeat(17)), 400, "PASSWORD_TOO_LONG");
  });

  test("session.expiresIn sets the session's life and the cookie's Max-Age", async () => {
    const clock = createClock();
    t = await createTestAuth(sqlite, { session: { expiresIn: 3600, updateAge: 600 }, advanced: { now: clock.now } });
    const browser = createBrowser(t.auth.handler);
    const res = await browser.post<{ token: string }>("/sign-up/email", signUpBody());
    expect(cookieAttribute(setCookieLine(res.setCookies, "better-auth.session_token"), "Max-Age")).toBe("3600");
    clock.advance(3600 * 1000 - 1);
    expect((await browser.get("/get-session")).body).not.toBeNull(); // refreshed: updateAge passed
    clock.advance(3600 * 1000 - 1);
    expect((await browser.get("/get-session")).body).not.toBeNull();
    clock.advance(3600 * 1000);
    expect((await browser.get("/get-session")).body).toBeNull();
  });

  test("session.freshAge:0 turns the freshness requirement off", async () => {
    const clock = createClock();
    t = await createTestAuth(sqlite, { session: { freshAge: 0 }, advanced: { now: clock.now } });
    const browser = createBrowser(t.auth.handler);
    await browser.post("/sign-up/email", signUpBody());
    clock.advance(5 * 24 * 3600 * 1000);
    expect((await browser.get("/list-sessions")).status).toBe(200);
  });

  test("advanced.cookiePrefix renames the cookies, and the default name is then ignored", async () => {
    t = await createTestAuth(sqlite, { advanced: { cookiePrefix: "myapp" } });
    const browser = createBrowser(t.auth.handler);
    const res = await browser.post<{ token: string }>("/sign-up/email", signUpBody({ rememberMe: false }));
    expect(res.setCookies.map((c) => c.split("=")[0]).sort()).toEqual(["myapp.dont_remember", "myapp.session_token"]);
    expect((await browser.get<{ session: { token: string } }>("/get-session")).body.session.token).toBe(res.body.token);
    const renamed = browser.cookieHeader().replaceAll("myapp.", "better-auth.");
    expect((await createBrowser(t.auth.handler).get("/get-session", { headers: { cookie: renamed } })).body).toBeNull();
  });
});
