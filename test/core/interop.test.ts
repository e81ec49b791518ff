import { betterAuth } from "better-auth";
import { hashPassword, verifyPassword } from "better-auth/crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { kernia, type Auth } from "../../src/index.js";
import { betterAuthDatabase } from "../support/better-auth-database.js";
import { createBrowser } from "../support/browser.js";
import { BASE_URL, cookieMap, PASSWORD, SECRET, uniqueEmail } from "../support/core.js";
import { DIALECTS, type DialectUnderTest, type TestDatabase } from "../support/dialects.js";

/**
 * Kernia and Better Auth 1.7.25 on the same database with the same secret: each one's password
 * hashes and session cookies work in the other, so an app can switch either way. SQLite is the
 * case the brief names; PostgreSQL and MariaDB run the same checks.
 */
const TOKEN = "better-auth.session_token";
type Entry = { session: { id: string; token: string; userId: string; expiresAt: string }; user: { id: string; email: string } };

/** Better Auth on the database at `url`, with the driver its docs use for that dialect. */
function createBetterAuth(d: DialectUnderTest, url: string) {
  const { database, close } = betterAuthDatabase(d, url);
  const auth = betterAuth({
    database,
    secret: SECRET,
    baseURL: BASE_URL,
    emailAndPassword: { enabled: true },
    telemetry: { enabled: false },
    logger: { disabled: true },
  });
  return Object.assign(auth, { closeDatabase: close });
}
type BetterAuth = ReturnType<typeof createBetterAuth>;

/** A POST to Better Auth's handler as a browser on the app's origin would send it. */
async function betterAuthPost(ba: BetterAuth, path: string, body: unknown) {
  const response = await ba.handler(
    new Request(`${BASE_URL}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE_URL },
      body: JSON.stringify(body),
    }),
  );
  return { status: response.status, body: (await response.json()) as { token: string; user: { id: string } }, setCookies: response.headers.getSetCookie() };
}

/** `Cookie` header a browser would send back for these `Set-Cookie` lines. */
const cookieHeader = (setCookies: string[]) => [...cookieMap(setCookies)].map(([name, { value }]) => `${name}=${value}`).join("; ");

describe("password hashes interoperate with Better Auth's hasher", () => {
  let auth: Auth;
  let database: TestDatabase;
  beforeAll(async () => {
    database = await DIALECTS[0]!.create();
    auth = kernia({ database: database.url, secret: SECRET, baseURL: BASE_URL });
  });
  afterAll(async () => {
    await auth?.close();
    await database?.drop();
  });

  test("a hash made by Better Auth verifies in Kernia, and a wrong password does not", async () => {
    const hash = await hashPassword(PASSWORD);
    expect(await auth.$context.hasher.verify(hash, PASSWORD)).toBe(true);
    expect(await auth.$context.hasher.verify(hash, `${PASSWORD}.`)).toBe(false);
  });

  test("a hash made by Kernia verifies in Better Auth, and a wrong password does not", async () => {
    const hash = await auth.$context.hasher.hash(PASSWORD);
    expect(hash).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    expect(await verifyPassword({ hash, password: PASSWORD })).toBe(true);
    expect(await verifyPassword({ hash, password: `${PASSWORD}.` })).toBe(false);
  });

  test("both normalise to NFKC: Better Auth's hash of an NFC password verifies the NFD form in Kernia, and back", async () => {
    const nfc = "Ünïcødé-pässwörd-Å".normalize("NFC");
    const nfd = nfc.normalize("NFD");
    expect(nfd).not.toBe(nfc);
    expect(await auth.$context.hasher.verify(await hashPassword(nfc), nfd)).toBe(true);
    expect(await verifyPassword({ hash: await auth.$context.hasher.hash(nfd), password: nfc })).toBe(true);
  });
});

for (const d of DIALECTS) describe.skipIf(!d.available)(`Kernia and Better Auth 1.7 on one ${d.name} database`, () => {
  let auth: Auth;
  let ba: BetterAuth;
  let database: TestDatabase;
  beforeAll(async () => {
    database = await d.create();
    auth = kernia({ database: database.url, secret: SECRET, baseURL: BASE_URL });
    await auth.migrate();
    ba = createBetterAuth(d, database.url);
  });
  afterAll(async () => {
    await ba?.closeDatabase();
    await auth?.close();
    await database?.drop();
  });

  test("a user who signed up on Better Auth signs in on Kernia with the same password", async () => {
    const email = uniqueEmail("from-ba");
    const up = await betterAuthPost(ba, "/sign-up/email", { name: "Ada", email, password: PASSWORD });
    expect(up.status).toBe(200);
    const browser = createBrowser(auth.handler);
    const res = await browser.post<{ token: string; user: { id: string } }>("/sign-in/email", { email, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(up.body.user.id);
    expect((await browser.post("/sign-in/email", { email, password: "wrong password" })).status).toBe(401);
  });

  test("a user who signed up on Kernia signs in on Better Auth with the same password", async () => {
    const email = uniqueEmail("from-kernia");
    const up = await createBrowser(auth.handler).post<{ user: { id: string } }>("/sign-up/email", { name: "Bob", email, password: PASSWORD });
    const res = await betterAuthPost(ba, "/sign-in/email", { email, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(up.body.user.id);
    expect((await betterAuthPost(ba, "/sign-in/email", { email, password: "wrong password" })).status).toBe(401);
  });

  test("Better Auth's session cookie is accepted by Kernia's get-session", async () => {
    const email = uniqueEmail("ba-cookie");
    const up = await betterAuthPost(ba, "/sign-up/email", { name: "Cy", email, password: PASSWORD });
    const cookie = cookieHeader(up.setCookies);
    expect(cookie).toContain(`${TOKEN}=`);
    const res = await createBrowser(auth.handler).get<Entry>("/get-session", { headers: { cookie } });
    expect(res.body.session.token).toBe(up.body.token);
    expect(res.body.user).toMatchObject({ id: up.body.user.id, email });

    // And Kernia reads Better Auth's stored expiry as Better Auth does.
    const theirs = await ba.api.getSession({ headers: new Headers({ cookie }) });
    expect(res.body.session.expiresAt).toBe(theirs!.session.expiresAt.toISOString());
  });

  test("Kernia's session cookie is accepted by Better Auth's getSession", async () => {
    const email = uniqueEmail("kernia-cookie");
    const browser = createBrowser(auth.handler);
    const up = await browser.post<{ token: string; user: { id: string } }>("/sign-up/email", { name: "Di", email, password: PASSWORD });
    const theirs = await ba.api.getSession({ headers: new Headers({ cookie: browser.cookieHeader() }) });
    expect(theirs).not.toBeNull();
    expect(theirs!.session.token).toBe(up.body.token);
    expect(theirs!.user.id).toBe(up.body.user.id);
    expect(theirs!.user.email).toBe(email);
    expect(theirs!.user.emailVerified).toBe(false);

    const ours = await browser.get<Entry>("/get-session");
    expect(theirs!.session.expiresAt.toISOString()).toBe(ours.body.session.expiresAt);
  });

  test("Better Auth's cookie is refused by a Kernia configured with another secret", async () => {
    const email = uniqueEmail("other-secret");
    const up = await betterAuthPost(ba, "/sign-up/email", { name: "Ed", email, password: PASSWORD });
    const other = kernia({ database: database.url, secret: "y".repeat(32), baseURL: BASE_URL });
    try {
      const res = await createBrowser(other.handler).get("/get-session", { headers: { cookie: cookieHeader(up.setCookies) } });
      expect(res.body).toBeNull();
    } finally {
      await other.close();
    }
  });

  test("get-session answers the same JSON keys as Better Auth's for the same session", async () => {
    const email = uniqueEmail("shape");
    const up = await betterAuthPost(ba, "/sign-up/email", { name: "Flo", email, password: PASSWORD });
    const cookie = cookieHeader(up.setCookies);
    const theirs = (await (await ba.handler(new Request(`${BASE_URL}/api/auth/get-session`, { headers: { cookie } }))).json()) as Entry;
    const ours = (await createBrowser(auth.handler).get<Entry>("/get-session", { headers: { cookie } })).body;
    expect(Object.keys(ours.session).sort()).toEqual(Object.keys(theirs.session).sort());
    expect(Object.keys(ours.user).sort()).toEqual(Object.keys(theirs.user).sort());
    expect(ours).toEqual(theirs);
  });
});
