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

  test("allowsURL checks a full URL's origin for http and https, wildcards included", () => {
    expect(trusted.allowsURL(new URL("https://app.example.com/x?y=1"))).toBe(true);
    expect(trusted.allowsURL(new URL("https://a.example.net/welcome"))).toBe(true);
    expect(trusted.allowsURL(new URL("http://x.example.io/"))).toBe(false);
    expect(trusted.allowsURL(new URL("https://evil.test/https://app.example.com"))).toBe(false);
  });
});

describe("issue 14.2: custom-scheme entries never match through the opaque origin \"null\"", () => {
  const trusted = originMatcher("http://localhost:3000", ["myapp://", "other://callback", "chrome-extension://abcdef"]);

  test("the string \"null\" never matches, though every custom-scheme entry's WHATWG origin is \"null\"", () => {
    expect(new URL("myapp://").origin).toBe("null");
    expect(trusted.has("null")).toBe(false);
    expect(originMatcher("null", []).has("null")).toBe(false);
  });

  test("javascript:, data:, vbscript:, file:, blob: and other schemes' URLs are not allowed", () => {
    for (const value of ["javascript:alert(1)", "data:text/html,x", "vbscript:x", "file:///etc/passwd", "blob:http://localhost:3000/id", "foo://x", "myapp2://x"]) {
      expect(trusted.allowsURL(new URL(value)), value).toBe(false);
      expect(trusted.has(value), value).toBe(false);
    }
  });

  test("myapp:// trusts any URL of scheme myapp; other://callback trusts only that host", () => {
    for (const value of ["myapp://", "myapp://callback/path", "MyApp://Host", "myapp:done"]) {
      expect(trusted.allowsURL(new URL(value)), value).toBe(true);
    }
    expect(trusted.allowsURL(new URL("other://callback/x"))).toBe(true);
    expect(trusted.allowsURL(new URL("other://CALLBACK"))).toBe(true);
    expect(trusted.allowsURL(new URL("other://evil/x"))).toBe(false);
    expect(trusted.allowsURL(new URL("other:callback"))).toBe(false);
  });

  test("an app's Origin header (Better Auth's Expo client, a browser extension) matches its entry", () => {
    expect(trusted.has("myapp://")).toBe(true);
    expect(trusted.has("chrome-extension://abcdef")).toBe(true);
    expect(trusted.has("chrome-extension://ghijkl")).toBe(false);
    expect(trusted.has("other://evil")).toBe(false);
    expect(trusted.has("myapp://\tx")).toBe(false);
  });

  test("an entry with a script or local scheme fails at startup naming the option", () => {
    for (const entry of ["javascript:", "javascript://", "JAVASCRIPT:alert(1)", "data:", "data:text/html,x", "vbscript:", "file://", "file:///", "blob:http://a.io/x"]) {
      expect(() => originMatcher("https://a.io", [entry]), entry).toThrow(/trustedOrigins.*can never be trusted/);
    }
  });
});
