import { afterEach, describe, expect, test, vi } from "vitest";
import { kernia } from "../index.js";
import { KerniaConfigError } from "../errors.js";
import type { KerniaOptions, RateLimitRule } from "../options.js";

/** Bad options fail in `kernia()`, at startup, with a message naming the option. */
const SECRET = "s".repeat(32);
const valid: KerniaOptions = { database: "sqlite::memory:", secret: SECRET, baseURL: "http://localhost:3000" };

function startupError(options: KerniaOptions): KerniaConfigError {
  try {
    const auth = kernia(options);
    void auth.close();
  } catch (error) {
    expect(error).toBeInstanceOf(KerniaConfigError);
    return error as KerniaConfigError;
  }
  throw new Error("kernia() accepted options that should have been refused");
}

describe("kernia() option checks", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  function withoutSecretEnv() {
    vi.stubEnv("KERNIA_SECRET", undefined);
    vi.stubEnv("BETTER_AUTH_SECRET", undefined);
  }

  test("valid options start", async () => {
    const auth = kernia(valid);
    expect(typeof auth.handler).toBe("function");
    await auth.close();
  });

  test("no secret with NODE_ENV=production refuses to start, naming secret", () => {
    withoutSecretEnv();
    vi.stubEnv("NODE_ENV", "production");
    const error = startupError({ ...valid, secret: undefined });
    expect(error.message).toMatch(/option "secret"/);
    expect(error.message).toMatch(/production/);
  });

  test("no secret outside production is refused too, and says how to make one", () => {
    withoutSecretEnv();
    vi.stubEnv("NODE_ENV", "development");
    expect(startupError({ ...valid, secret: undefined }).message).toMatch(/option "secret".*kernia secret/);
  });

  test("an empty secret (KERNIA_SECRET= or secret: \"\") counts as missing, not as too short", () => {
    withoutSecretEnv();
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("KERNIA_SECRET", "");
    expect(startupError({ ...valid, secret: undefined }).message).toMatch(/option "secret" is missing/);
    expect(startupError({ ...valid, secret: "" }).message).toMatch(/option "secret" is missing/);
  });

  test("emailAndPassword.hashPriority other than \"low\" or \"normal\" stops kernia() naming the option", () => {
    const wrong = { hashPriority: "high" } as unknown as KerniaOptions["emailAndPassword"];
    expect(startupError({ ...valid, emailAndPassword: wrong }).message).toMatch(/option "emailAndPassword.hashPriority" must be "low" or "normal", not "high"/);
  });

  test("sessionCache with a ttl or maxEntries below 1 stops kernia() naming the option", () => {
    expect(startupError({ ...valid, sessionCache: { ttl: 0 } }).message).toMatch(/option "sessionCache.ttl" must be an integer ≥ 1/);
    expect(startupError({ ...valid, sessionCache: { maxEntries: 1.5 } }).message).toMatch(/option "sessionCache.maxEntries"/);
  });

  test("KERNIA_SECRET is used when the option is absent", async () => {
    vi.stubEnv("KERNIA_SECRET", SECRET);
    const auth = kernia({ ...valid, secret: undefined });
    await auth.close();
  });

  test("a secret under 32 characters is refused, naming secret; 32 is enough", async () => {
    expect(startupError({ ...valid, secret: "s".repeat(31) }).message).toMatch(/option "secret".*32 characters/);
    expect(startupError({ ...valid, secret: [SECRET, "short"] }).message).toMatch(/option "secret"/);
    expect(startupError({ ...valid, secret: [] }).message).toMatch(/option "secret"/);
    await kernia({ ...valid, secret: "s".repeat(32) }).close();
  });

  test("a malformed baseURL is refused, naming baseURL", () => {
    for (const baseURL of ["not a url", "localhost:3000", "ftp://example.com", "http//missing-colon", ""]) {
      expect(startupError({ ...valid, baseURL }).message, baseURL).toMatch(/option "baseURL"/);
    }
  });

  test("an unknown database scheme such as oracle:// is refused, naming database and the scheme", () => {
    const error = startupError({ ...valid, database: "oracle://scott:tiger@db.example.com/orcl" });
    expect(error.message).toMatch(/option "database"/);
    expect(error.message).toMatch(/oracle/);
    expect(startupError({ ...valid, database: "no-scheme-at-all" }).message).toMatch(/option "database"/);
    expect(startupError({ ...valid, database: "sqlite:" }).message).toMatch(/option "database"/);
    expect(startupError({ ...valid, database: {} }).message).toMatch(/option "database"/);
  });

  test("basePath '/' mounts the endpoints at the root, and a trailing slash is ignored", async () => {
    for (const [basePath, url] of [
      ["/", "http://localhost:3000/ok"],
      ["/auth/", "http://localhost:3000/auth/ok"],
    ] as const) {
      const auth = kernia({ ...valid, basePath });
      try {
        const res = await auth.handler(new Request(url));
        expect({ basePath, status: res.status }).toEqual({ basePath, status: 200 });
      } finally {
        await auth.close();
      }
    }
  });

  test("other malformed options are refused at startup, each naming itself", () => {
    const cases: Array<[Partial<KerniaOptions>, string]> = [
      [{ basePath: "api/auth" }, "basePath"],
      [{ session: { expiresIn: 0 } }, "session.expiresIn"],
      [{ session: { updateAge: -1 } }, "session.updateAge"],
      [{ session: { freshAge: 1.5 } }, "session.freshAge"],
      [{ emailAndPassword: { minPasswordLength: 0 } }, "emailAndPassword.minPasswordLength"],
      [{ emailAndPassword: { minPasswordLength: 20, maxPasswordLength: 10 } }, "emailAndPassword.maxPasswordLength"],
      [{ trustedOrigins: ["not a url"] }, "trustedOrigins"],
      [{ rateLimit: { storage: "secondary-storage" } }, "rateLimit.storage"],
      [{ rateLimit: { max: 0 } }, "rateLimit.max"],
      [{ rateLimit: { customRules: { "/sign-in/email": { window: 10, max: 0 } } } }, "rateLimit.customRules"],
      [{ plugins: [{ id: "twice" }, { id: "twice" }] }, "plugins"],
    ];
    for (const [options, name] of cases) {
      expect(startupError({ ...valid, ...options }).message, name).toContain(`option "${name}"`);
    }
  });

  test("rateLimit.customRules with a bad path, window or max is refused at startup, naming the rule and the problem", () => {
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ "sign-in/email": { window: 10, max: 3 } }, 'has "sign-in/email": the path must start with "/"'],
      [{ "/sign-in/email": { window: 10, max: 0 } }, 'has "/sign-in/email": max must be an integer ≥ 1 (got 0)'],
      [{ "/sign-in/email": { window: 10, max: -3 } }, "max must be an integer ≥ 1 (got -3)"],
      [{ "/sign-in/email": { window: 10, max: 2.5 } }, "max must be an integer ≥ 1 (got 2.5)"],
      [{ "/sign-in/email": { window: 0, max: 3 } }, "window must be an integer ≥ 1 (got 0)"],
      [{ "/sign-in/email": { window: 1.5, max: 3 } }, "window must be an integer ≥ 1 (got 1.5)"],
      [{ "/sign-in/email": { window: Number.NaN, max: 3 } }, "window must be an integer ≥ 1 (got NaN)"],
      [{ "/sign-in/email": { window: "10", max: 3 } }, `window must be an integer ≥ 1 (got "10")`],
      [{ "/sign-in/email": { max: 3 } }, "window must be an integer ≥ 1 (got undefined)"],
      [{ "/sign-in/email": null }, "the rule must be { window, max }"],
    ];
    for (const [customRules, problem] of bad) {
      const message = startupError({ ...valid, rateLimit: { customRules: customRules as Record<string, RateLimitRule> } }).message;
      expect(message, problem).toContain('kernia: option "rateLimit.customRules" has ');
      expect(message, problem).toContain(problem);
    }
  });

  test("valid rateLimit.customRules start and replace the default rule for their path", async () => {
    const auth = kernia({ ...valid, rateLimit: { customRules: { "/sign-in/email": { window: 60, max: 5 }, "/get-session": { window: 1, max: 1000 } } } });
    try {
      expect(auth.$context.rateLimit.rules["/sign-in/email"]).toEqual({ window: 60, max: 5 });
      expect(auth.$context.rateLimit.rules["/sign-up/email"]).toEqual({ window: 10, max: 3 });
    } finally {
      await auth.close();
    }
  });
});
