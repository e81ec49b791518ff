import { describe, expect, test } from "vitest";
import { KerniaError } from "../errors.js";
import { checkOrigin } from "./origin.js";
import { originMatcher } from "./trusted-origins.js";

const trusted = originMatcher("http://localhost:3000", ["https://partner.example.com", "myapp://"]);

function outcome(headers: Record<string, string>, hasCookies: boolean): string {
  try {
    checkOrigin(new Headers(headers), hasCookies, trusted);
    return "allowed";
  } catch (error) {
    expect(error).toBeInstanceOf(KerniaError);
    expect((error as KerniaError).status).toBe(403);
    return (error as KerniaError).code;
  }
}

describe("checkOrigin", () => {
  test("a trusted Origin is allowed, with or without cookies", () => {
    expect(outcome({ origin: "http://localhost:3000" }, true)).toBe("allowed");
    expect(outcome({ origin: "https://partner.example.com" }, false)).toBe("allowed");
  });

  test("a foreign Origin is INVALID_ORIGIN, with or without cookies", () => {
    for (const origin of ["https://evil.example", "http://localhost:3000.evil.example", "http://localhost", "HTTP://LOCALHOST:3000/"]) {
      expect(outcome({ origin }, true), origin).toBe("INVALID_ORIGIN");
      expect(outcome({ origin }, false), origin).toBe("INVALID_ORIGIN");
    }
  });

  test("Origin: null (sandboxed frames, file: pages) is MISSING_OR_NULL_ORIGIN even without cookies", () => {
    expect(outcome({ origin: "null" }, false)).toBe("MISSING_OR_NULL_ORIGIN");
    expect(outcome({ origin: "null", referer: "http://localhost:3000/" }, true)).toBe("MISSING_OR_NULL_ORIGIN");
  });

  test("without Origin, the Referer's origin is checked", () => {
    expect(outcome({ referer: "http://localhost:3000/settings?x=1" }, true)).toBe("allowed");
    expect(outcome({ referer: "https://evil.example/http://localhost:3000/" }, true)).toBe("INVALID_ORIGIN");
    expect(outcome({ referer: "garbage" }, true)).toBe("INVALID_ORIGIN");
  });

  test("issue 14.2: a Referer whose WHATWG origin is \"null\" (foo://, javascript:, data:) does not match a myapp:// entry", () => {
    for (const referer of ["foo://x", "javascript:alert(1)", "data:text/html,x", "file:///etc/passwd"]) {
      expect(new URL(referer).origin, referer).toBe("null");
      expect(outcome({ referer }, true), referer).toBe("INVALID_ORIGIN");
      expect(outcome({ referer }, false), referer).toBe("INVALID_ORIGIN");
    }
  });

  test("a blob: Referer is refused though its origin is the app's (browsers strip local-scheme referrers)", () => {
    expect(outcome({ referer: "blob:http://localhost:3000/x" }, true)).toBe("INVALID_ORIGIN");
  });

  test("a Referer or Origin of the trusted app scheme itself is allowed", () => {
    expect(outcome({ referer: "myapp://callback/x" }, true)).toBe("allowed");
    expect(outcome({ origin: "myapp://" }, true)).toBe("allowed");
    expect(outcome({ origin: "foo://x" }, true)).toBe("INVALID_ORIGIN");
  });

  test("Origin: null is MISSING_OR_NULL_ORIGIN even though every custom-scheme entry's origin serialises as \"null\"", () => {
    expect(outcome({ origin: "null" }, true)).toBe("MISSING_OR_NULL_ORIGIN");
    expect(outcome({ origin: "null", referer: "myapp://callback" }, false)).toBe("MISSING_OR_NULL_ORIGIN");
  });

  test("an empty Origin header names no trusted origin", () => {
    expect(outcome({ origin: "" }, true)).toBe("INVALID_ORIGIN");
  });

  test("Origin wins over Referer", () => {
    expect(outcome({ origin: "https://evil.example", referer: "http://localhost:3000/" }, true)).toBe("INVALID_ORIGIN");
  });

  test("cookies without Origin or Referer (a form post whose browser hid them) is MISSING_OR_NULL_ORIGIN", () => {
    expect(outcome({}, true)).toBe("MISSING_OR_NULL_ORIGIN");
    expect(outcome({ "sec-fetch-site": "same-origin" }, true)).toBe("MISSING_OR_NULL_ORIGIN");
  });

  test("no cookies and no browser metadata (curl, server code) is allowed", () => {
    expect(outcome({}, false)).toBe("allowed");
    expect(outcome({ "sec-fetch-site": "none" }, false)).toBe("allowed");
    expect(outcome({ "sec-fetch-site": "same-origin" }, false)).toBe("allowed");
  });

  test("a cross-site or same-site navigation without Origin is MISSING_OR_NULL_ORIGIN (login CSRF; Better Auth's code)", () => {
    expect(outcome({ "sec-fetch-site": "cross-site" }, false)).toBe("MISSING_OR_NULL_ORIGIN");
    expect(outcome({ "sec-fetch-site": "same-site" }, false)).toBe("MISSING_OR_NULL_ORIGIN");
  });
});
