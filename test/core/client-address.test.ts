import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BASE_URL, createTestAuth, type TestAuth } from "../support/core.js";
import { DIALECTS } from "../support/dialects.js";

/**
 * Issue 9: mounted through `auth.handler` (Hono, Next.js, Bun, Deno), the client address was
 * unknown, every client shared one rate-limit bucket, and three sign-ins from anyone locked the
 * whole site out. The mount now passes `{ ip }`; without it nobody shares a budget.
 */
const PROXY = "10.0.0.2";

describe("the client address on a Fetch mount", () => {
  let t: TestAuth;
  const warnings: string[] = [];
  beforeAll(async () => {
    t = await createTestAuth(DIALECTS[0]!, {
      rateLimit: { enabled: true },
      advanced: { trustedProxies: [PROXY] },
      logger: { warn: (...args: unknown[]) => warnings.push(String(args[0])), error: () => {} },
    });
  });
  afterAll(async () => t?.close());

  const signIn = async (ip: string | undefined, forwardedFor?: string) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (forwardedFor) headers["x-forwarded-for"] = forwardedFor;
    const request = new Request(`${BASE_URL}/api/auth/sign-in/email`, {
      method: "POST",
      headers,
      body: JSON.stringify({ email: "nobody@example.com", password: "wrong-password" }),
    });
    return (await t.auth.handler(request, ip === undefined ? undefined : { ip })).status;
  };

  test("five clients each get their own budget: one guessing client is stopped, the others are not", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push(await signIn("198.51.100.1"));
    expect(statuses).toEqual([401, 401, 401, 429]);
    for (let client = 2; client <= 5; client++) expect(await signIn(`198.51.100.${client}`)).toBe(401);
  });

  test("clients behind a trusted proxy are told apart by X-Forwarded-For, and a spoofed header from elsewhere is ignored", async () => {
    const first: number[] = [];
    for (let i = 0; i < 4; i++) first.push(await signIn(PROXY, "203.0.113.1"));
    expect(first).toEqual([401, 401, 401, 429]);
    expect(await signIn(PROXY, "203.0.113.2")).toBe(401);
    // Not from the proxy: the header is the client's own claim and does not buy a fresh budget.
    const spoofed: number[] = [];
    for (let i = 0; i < 4; i++) spoofed.push(await signIn("198.51.100.9", `203.0.113.${100 + i}`));
    expect(spoofed).toEqual([401, 401, 401, 429]);
  });

  test("requests without an address never share one budget, and the missing address is reported once", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push(await signIn(undefined));
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(warnings.filter((w) => w.includes("without a client address"))).toHaveLength(1);
  });
});
