import { describe, expect, test } from "vitest";
import { originMatcher } from "./trusted-origins.js";

describe("trusted origins", () => {
  const trusted = originMatcher("https://app.example.com", ["https://admin.example.org/path", "*.example.net", "https://*.example.io"]);

  test("the base URL's origin and listed origins are trusted (paths ignored)", () => {
    expect(trusted.has("https://app.example.com")).toBe(true);
    expect(trusted.has("https://admin.example.org")).toBe(true);
    expect(trusted.has("http://app.example.com")).toBe(false);
  });

  test("*.example.net trusts any subdomain over http or https, but not the bare domain", () => {
    expect(trusted.has("https://a.example.net")).toBe(true);
    expect(trusted.has("http://a.b.example.net")).toBe(true);
    expect(trusted.has("https://example.net")).toBe(false);
  });

  test("https://*.example.io does not trust http", () => {
    expect(trusted.has("https://x.example.io")).toBe(true);
    expect(trusted.has("http://x.example.io")).toBe(false);
  });

  test("a lookalike origin cannot pass a wildcard: evil suffixes, other ports, embedded paths", () => {
    for (const origin of [
      "https://evil-example.net",
      "https://a.example.net.evil.com",
      "https://a.example.net:8443",
      "https://evil.com/.example.net",
      "https://evil.com?.example.net",
      "https://a.example.netx",
    ]) {
      expect(trusted.has(origin), origin).toBe(false);
    }
  });

  test("an unsupported pattern or an invalid URL fails at startup naming the option", () => {
    expect(() => originMatcher("https://a.io", ["https://a*.example.com"])).toThrow(/trustedOrigins/);
    expect(() => originMatcher("https://a.io", ["not a url"])).toThrow(/trustedOrigins/);
  });
});
