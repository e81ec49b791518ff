import { describe, expect, test } from "vitest";
import { createBrowser, type TestBrowser } from "../support/browser.js";
import {
  cookieAttribute,
  expectError,
  expectWireSession,
  PASSWORD,
  setCookieLine,
  signUpBody,
  suiteWithClock,
  uniqueEmail,
} from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";

/** The wire table's list-sessions, revoke-session(s), revoke-other-sessions and ok rows. */
const TOKEN = "better-auth.session_token";
const DAY_MS = 24 * 60 * 60 * 1000;
type Session = { id: string; token: string; userId: string; expiresAt: string };
type SignedIn = { token: string; user: { id: string } };

for (const d of DIALECTS) {
  describe.skipIf(!d.available)(`session management endpoints on ${d.name}`, () => {
    const { clock, t } = suiteWithClock(d);

    /** One user signed in on `count` browsers; the first browser signed up. */
    async function userOnBrowsers(count: number): Promise<{ browsers: TestBrowser[]; tokens: string[]; userId: string }> {
      const email = uniqueEmail("devices");
      const first = createBrowser(t.auth.handler);
      const up = await first.post<SignedIn>("/sign-up/email", signUpBody({ email }));
      const browsers = [first];
      const tokens = [up.body.token];
      for (let i = 1; i < count; i++) {
        const browser = createBrowser(t.auth.handler);
        tokens.push((await browser.post<SignedIn>("/sign-in/email", { email, password: PASSWORD })).body.token);
        browsers.push(browser);
      }
      return { browsers, tokens, userId: up.body.user.id };
    }

    const alive = async (token: string) => (await t.auth.$context.sessions.findByToken(token)) !== null;

    test("list-sessions answers the user's sessions, and no one else's", async () => {
      const { browsers, tokens, userId } = await userOnBrowsers(3);
      await createBrowser(t.auth.handler).post("/sign-up/email", signUpBody()); // someone else
      const res = await browsers[0]!.get<Session[]>("/list-sessions");
      expect(res.status).toBe(200);
      expect(res.body.map((s) => s.token).sort()).toEqual([...tokens].sort());
      for (const session of res.body) {
        expectWireSession(session);
        expect(session.userId).toBe(userId);
      }
    });

    test("list-sessions leaves out the user's expired sessions", async () => {
      const email = uniqueEmail("mixed");
      const browser = createBrowser(t.auth.handler);
      const short = await createBrowser(t.auth.handler).post<SignedIn>("/sign-up/email", signUpBody({ email, rememberMe: false }));
      clock.advance(DAY_MS / 2);
      const long = await browser.post<SignedIn>("/sign-in/email", { email, password: PASSWORD });
      clock.advance(DAY_MS / 2); // the 1-day session expires now; the new one is 12 hours old (fresh)
      const res = await browser.get<Session[]>("/list-sessions");
      expect(res.status).toBe(200);
      expect(res.body.map((s) => s.token)).toEqual([long.body.token]);
      expect(res.body.map((s) => s.token)).not.toContain(short.body.token);
    });

    test("list-sessions with a session created freshAge (1 day) ago is 403 SESSION_NOT_FRESH; 1 ms earlier it is allowed", async () => {
      const { browsers } = await userOnBrowsers(1);
      clock.advance(DAY_MS - 1);
      expect((await browsers[0]!.get("/list-sessions")).status).toBe(200);
      clock.advance(1);
      expectError(await browsers[0]!.get("/list-sessions"), 403, "SESSION_NOT_FRESH");
    });

    test("revoke-session {token} ends another session of the same user and answers {status:true}", async () => {
      const { browsers, tokens } = await userOnBrowsers(2);
      const res = await browsers[0]!.post("/revoke-session", { token: tokens[1] });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: true });
      expect(await alive(tokens[1]!)).toBe(false);
      expect(await alive(tokens[0]!)).toBe(true);
      expect(res.setCookies).toEqual([]);
      expect((await browsers[1]!.get("/get-session")).body).toBeNull();
      expect((await browsers[0]!.get<{ session: Session }>("/get-session")).body.session.token).toBe(tokens[0]);
    });

    test("revoke-session on the active session's own token ends it and expires its cookie", async () => {
      const { browsers, tokens } = await userOnBrowsers(1);
      const res = await browsers[0]!.post("/revoke-session", { token: tokens[0] });
      expect(res.body).toEqual({ status: true });
      expect(cookieAttribute(setCookieLine(res.setCookies, TOKEN), "Max-Age")).toBe("0");
      expect(await alive(tokens[0]!)).toBe(false);
    });

    test("revoke-session naming another user's token leaves that session alive (an attacker cannot sign a victim out)", async () => {
      const victim = await userOnBrowsers(1);
      const attacker = await userOnBrowsers(1);
      const res = await attacker.browsers[0]!.post("/revoke-session", { token: victim.tokens[0] });
      expect(res.status).toBe(200);
      expect(await alive(victim.tokens[0]!)).toBe(true);
      expect((await victim.browsers[0]!.get("/get-session")).body).not.toBeNull();
    });

    test("a session token is matched exactly: the token in another letter case finds no session (MySQL collations ignore case)", async () => {
      const { browsers, tokens } = await userOnBrowsers(2);
      const swapped = [...tokens[1]!].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join("");
      expect(swapped).not.toBe(tokens[1]);
      expect(await t.auth.$context.sessions.findByToken(swapped)).toBeNull();
      expect(await t.auth.$context.sessions.findByTokens([swapped])).toEqual([]);
      const res = await browsers[0]!.post("/revoke-session", { token: swapped });
      expect(res.body).toEqual({ status: true });
      expect(await alive(tokens[1]!)).toBe(true);
    });

    test("revoke-session without {token} is 400 VALIDATION_ERROR", async () => {
      const { browsers } = await userOnBrowsers(1);
      expectError(await browsers[0]!.post("/revoke-session", {}), 400, "VALIDATION_ERROR");
    });

    test("revoke-sessions ends every session of the user, this one included, and expires the cookie", async () => {
      const { browsers, tokens } = await userOnBrowsers(3);
      const bystander = await userOnBrowsers(1);
      const res = await browsers[1]!.post("/revoke-sessions");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: true });
      expect(cookieAttribute(setCookieLine(res.setCookies, TOKEN), "Max-Age")).toBe("0");
      for (const token of tokens) expect(await alive(token)).toBe(false);
      expect(await alive(bystander.tokens[0]!)).toBe(true);
    });

    test("revoke-other-sessions ends the user's other sessions and keeps this one", async () => {
      const { browsers, tokens } = await userOnBrowsers(3);
      const bystander = await userOnBrowsers(1);
      const res = await browsers[2]!.post("/revoke-other-sessions");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: true });
      expect(res.setCookies).toEqual([]);
      expect(await alive(tokens[0]!)).toBe(false);
      expect(await alive(tokens[1]!)).toBe(false);
      expect(await alive(tokens[2]!)).toBe(true);
      expect(await alive(bystander.tokens[0]!)).toBe(true);
      expect((await browsers[2]!.get<{ session: Session }>("/get-session")).body.session.token).toBe(tokens[2]);
    });

    test("every session endpoint without a session is 401 UNAUTHORIZED and deletes nothing", async () => {
      const { tokens } = await userOnBrowsers(1);
      const anonymous = createBrowser(t.auth.handler);
      expectError(await anonymous.get("/list-sessions"), 401, "UNAUTHORIZED");
      expectError(await anonymous.post("/revoke-session", { token: tokens[0] }), 401, "UNAUTHORIZED");
      expectError(await anonymous.post("/revoke-sessions"), 401, "UNAUTHORIZED");
      expectError(await anonymous.post("/revoke-other-sessions"), 401, "UNAUTHORIZED");
      expect(await alive(tokens[0]!)).toBe(true);
    });

    test("a revoked session's cookie gets 401 UNAUTHORIZED and is cleared in that same 401 response", async () => {
      const { browsers, tokens } = await userOnBrowsers(2);
      const stale = browsers[1]!.cookieHeader();
      await browsers[0]!.post("/revoke-session", { token: tokens[1] });
      const replay = createBrowser(t.auth.handler);
      const res = await replay.get("/list-sessions", { headers: { cookie: stale } });
      expectError(res, 401, "UNAUTHORIZED");
      expect(cookieAttribute(setCookieLine(res.setCookies, TOKEN), "Max-Age")).toBe("0");
    });

    test("GET /ok answers {ok:true}", async () => {
      const res = await createBrowser(t.auth.handler).get("/ok");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true });
    });
  });
}
