import { afterAll, describe, expect, test } from "vitest";
import { createContext } from "./context.js";
import { createRequestContext } from "./request-context.js";

const auth = createContext({ database: "sqlite::memory:", secret: "s".repeat(32), baseURL: "http://localhost:3000" });
afterAll(() => auth.db.destroy());

function scopeWith(calls: { headers: number; query: number }) {
  return createRequestContext(auth, {
    header: { get: (name) => (name === "user-agent" ? "test-agent" : null) },
    headers: () => {
      calls.headers += 1;
      return new Headers({ "user-agent": "test-agent", origin: "http://localhost:3000" });
    },
    query: () => {
      calls.query += 1;
      return new URLSearchParams("disableRefresh=true");
    },
    cookies: new Map(),
    body: undefined,
    ipAddress: "203.0.113.7",
  });
}

describe("the request context", () => {
  test("headers and query are built on first read, once, and not for a request that never reads them", () => {
    const calls = { headers: 0, query: 0 };
    const { ctx } = scopeWith(calls);
    expect(calls).toEqual({ headers: 0, query: 0 });
    expect(ctx.userAgent).toBe("test-agent");
    expect(ctx.headers.get("origin")).toBe("http://localhost:3000");
    expect(ctx.query.get("disableRefresh")).toBe("true");
    void ctx.headers;
    void ctx.query;
    expect(calls).toEqual({ headers: 1, query: 1 });
  });

  // A getter in an object literal made per request let V8 promote whole requests to the old
  // generation (bench/RESULTS.md: peak RSS and scavenge time). The lazy parts live on a prototype.
  test("the context made for each request carries no accessor of its own", () => {
    const { ctx } = scopeWith({ headers: 0, query: 0 });
    const accessors = Object.entries(Object.getOwnPropertyDescriptors(ctx)).filter(([, d]) => d.get || d.set);
    expect(accessors.map(([name]) => name)).toEqual([]);
    expect("headers" in ctx && "query" in ctx).toBe(true);
  });
});
