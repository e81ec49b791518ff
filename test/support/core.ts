import { createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { kernia, type Auth, type KerniaOptions } from "../../src/index.js";
import type { DialectUnderTest, TestDatabase } from "./dialects.js";

/** The secret and base URL the suites share unless a test says otherwise. */
export const SECRET = "x".repeat(32);
export const BASE_URL = "http://localhost:3000";

export interface TestAuth {
  auth: Auth;
  database: TestDatabase;
  /** Closes the pool, then drops the database. */
  close(): Promise<void>;
}

/**
 * A migrated Kernia on a fresh database of dialect `d`. `options` are merged over the defaults;
 * `database` may be given as a function of the URL (to add a query log, say).
 */
export async function createTestAuth(
  d: DialectUnderTest,
  options: Partial<Omit<KerniaOptions, "database">> & { database?: (url: string) => KerniaOptions["database"] } = {},
): Promise<TestAuth> {
  const database = await d.create();
  const { database: makeDatabase, ...rest } = options;
  const auth = kernia({
    secret: SECRET,
    baseURL: BASE_URL,
    ...rest,
    database: makeDatabase ? makeDatabase(database.url) : database.url,
  });
  await auth.migrate();
  return {
    auth,
    database,
    async close() {
      await auth.close();
      await database.drop();
    },
  };
}

/** Row counts of the tables a request could write. */
export async function countRows(auth: Auth): Promise<{ user: number; session: number; account: number }> {
  const db = auth.$context.db;
  const count = async (table: "user" | "session" | "account") => {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return { user: await count("user"), session: await count("session"), account: await count("account") };
}

/** A clock for `advanced.now`: `set` and `advance` move it; nothing reads the wall clock. */
export function createClock(start = Date.UTC(2030, 0, 15, 12, 0, 0)) {
  let t = start;
  return {
    now: () => new Date(t),
    get ms() {
      return t;
    },
    set(ms: number) {
      t = ms;
    },
    advance(ms: number) {
      t += ms;
    },
  };
}

/** An email no other test uses, so suites can share one database. */
export function uniqueEmail(label = "user"): string {
  return `${label}-${randomBytes(6).toString("hex")}@example.com`;
}

/** `name=value` pairs of `Set-Cookie` lines, by name. */
export function cookieMap(setCookies: readonly string[]): Map<string, { value: string; line: string }> {
  const map = new Map<string, { value: string; line: string }>();
  for (const line of setCookies) {
    const pair = line.split(";")[0] ?? "";
    const eq = pair.indexOf("=");
    map.set(pair.slice(0, eq), { value: pair.slice(eq + 1), line });
  }
  return map;
}

/** The `Set-Cookie` line for `name`, failing the test when absent. */
export function setCookieLine(setCookies: readonly string[], name: string): string {
  const found = cookieMap(setCookies).get(name);
  expect(found, `expected a Set-Cookie for ${name} in ${JSON.stringify(setCookies)}`).toBeDefined();
  return found!.line;
}

/** An attribute of a `Set-Cookie` line (`Max-Age`, `Path`, …), or `undefined`. */
export function cookieAttribute(line: string, attribute: string): string | undefined {
  for (const part of line.split(";").slice(1)) {
    const [key = "", value = ""] = part.trim().split("=");
    if (key.toLowerCase() === attribute.toLowerCase()) return value;
  }
  return undefined;
}

/**
 * Better Auth's signed-cookie value, computed here with node:crypto rather than Kernia's signer:
 * `encodeURIComponent(value + "." + base64(HMAC-SHA256(secret, value)))`.
 */
export function signedValue(value: string, secret: string): string {
  return encodeURIComponent(`${value}.${createHmac("sha256", secret).update(value).digest("base64")}`);
}

/** The value a signed cookie carries when `secret` signed it, else `null`. */
export function unsignValue(cookieValue: string, secret: string): string | null {
  const decoded = decodeURIComponent(cookieValue);
  const dot = decoded.lastIndexOf(".");
  const value = decoded.slice(0, dot);
  return signedValue(value, secret) === cookieValue ? value : null;
}

export const ID = /^[A-Za-z0-9]{32}$/;
export const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const PASSWORD = "correct horse battery staple";

/** A valid sign-up body with a fresh email; `overrides` replace or add fields. */
export function signUpBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: "Ada Lovelace", email: uniqueEmail(), password: PASSWORD, ...overrides };
}

/** Asserts Better Auth's user shape: exactly its keys, ISO dates, a 32-character id. */
export function expectWireUser(user: unknown): void {
  expect(Object.keys(user as object).sort()).toEqual(["createdAt", "email", "emailVerified", "id", "image", "name", "updatedAt"]);
  const u = user as Record<string, unknown>;
  expect(u.id).toMatch(ID);
  expect(u.createdAt).toMatch(ISO_Z);
  expect(u.updatedAt).toMatch(ISO_Z);
  expect(typeof u.emailVerified).toBe("boolean");
}

/** Asserts Better Auth's session shape: exactly its keys, ISO dates, 32-character id and token. */
export function expectWireSession(session: unknown): void {
  expect(Object.keys(session as object).sort()).toEqual(
    ["createdAt", "expiresAt", "id", "ipAddress", "token", "updatedAt", "userAgent", "userId"],
  );
  const s = session as Record<string, unknown>;
  expect(s.id).toMatch(ID);
  expect(s.token).toMatch(ID);
  expect(s.userId).toMatch(ID);
  for (const key of ["expiresAt", "createdAt", "updatedAt"]) expect(s[key]).toMatch(ISO_Z);
}

/** A wire error: the status, and a `{ message, code }` body with `code`. */
export function expectError(res: { status: number; body: unknown }, status: number, code: string): void {
  expect({ status: res.status, code: (res.body as { code?: string } | undefined)?.code }).toEqual({ status, code });
  expect(typeof (res.body as { message?: unknown }).message).toBe("string");
}

/**
 * Registers the hooks of a suite that runs on one migrated Kernia with a test clock: the server is
 * made before the suite and dropped after it, and the clock is back at `START` before each test.
 * `t` reads the server lazily, so the suite can name it before `beforeAll` has run.
 */
export function suiteWithClock(d: DialectUnderTest) {
  const clock = createClock();
  const START = clock.ms;
  let current: TestAuth | undefined;
  beforeAll(async () => {
    current = await createTestAuth(d, { advanced: { now: clock.now } });
  });
  afterAll(async () => current?.close());
  beforeEach(() => clock.set(START));
  const t: TestAuth = {
    get auth() {
      if (!current) throw new Error("the suite's server is not ready (used outside a test?)");
      return current.auth;
    },
    get database() {
      if (!current) throw new Error("the suite's server is not ready (used outside a test?)");
      return current.database;
    },
    close: async () => current?.close(),
  };
  return { clock, START, t };
}
