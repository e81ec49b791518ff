import { describe, expect, test } from "vitest";
import { KerniaError } from "../errors.js";
import { checkOrigin } from "./origin.js";

const trusted = new Set(["http://localhost:3000", "https://partner.example.com"]);

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

  test("a cross-site or same-site navigation without Origin is INVALID_ORIGIN (login CSRF)", () => {
    expect(outcome({ "sec-fetch-site": "cross-site" }, false)).toBe("INVALID_ORIGIN");
    expect(outcome({ "sec-fetch-site": "same-site" }, false)).toBe("INVALID_ORIGIN");
  });
});
