import { describe, expect, test } from "vitest";
import { serializeCookie } from "./serialize.js";

describe("serializeCookie", () => {
  test("writes the value and attributes in the order Better Auth does", () => {
    expect(serializeCookie("better-auth.session_token", "abc.def%3D", { maxAge: 604800, httpOnly: true, sameSite: "lax", path: "/" })).toBe(
      "better-auth.session_token=abc.def%3D; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax",
    );
  });

  test("adds Secure, Domain, Expires and SameSite=None when asked", () => {
    const line = serializeCookie("__Secure-a", "1", {
      secure: true,
      domain: "example.com",
      expires: new Date(Date.UTC(2030, 0, 1)),
      sameSite: "none",
    });
    expect(line).toBe("__Secure-a=1; Expires=Tue, 01 Jan 2030 00:00:00 GMT; Domain=example.com; Path=/; Secure; SameSite=None");
  });

  test("Max-Age is floored and never negative; 0 expires the cookie", () => {
    expect(serializeCookie("a", "", { maxAge: 0 })).toBe("a=; Max-Age=0; Path=/");
    expect(serializeCookie("a", "1", { maxAge: -5 })).toContain("Max-Age=0;");
    expect(serializeCookie("a", "1", { maxAge: 59.9 })).toContain("Max-Age=59;");
  });

  test("a session cookie (no maxAge, no expires) has neither attribute", () => {
    const line = serializeCookie("a", "1", { httpOnly: true });
    expect(line).not.toMatch(/Max-Age|Expires/);
  });

  const injections: Array<[string, string]> = [
    ["semicolon (attribute injection)", "v; Domain=evil.example"],
    ["comma", "a,b"],
    ["CR", "a\rb"],
    ["LF (header injection)", "a\nSet-Cookie: evil=1"],
    ["CRLF", "a\r\nb"],
    ["NUL", "a\u0000b"],
    ["other control characters", "a\u0001\u001fb"],
    ["DEL", "a\u007fb"],
    ["space", "a b"],
    ["tab", "a\tb"],
    ["double quote", 'a"b'],
    ["backslash", "a\\b"],
    ["non-ASCII", "é"],
  ];

  for (const [what, value] of injections) {
    test(`a value with ${what} is refused`, () => {
      expect(() => serializeCookie("a", value)).toThrow(TypeError);
    });
    test(`a name with ${what} is refused`, () => {
      expect(() => serializeCookie(`n${value}`, "1")).toThrow(TypeError);
    });
  }

  test("names with '=' or separators, and an empty name, are refused", () => {
    for (const name of ["", "a=b", "a(b)", "a/b", "a@b", "a[b]", "a{b}", "a:b", "a?b"]) {
      expect(() => serializeCookie(name, "1"), name).toThrow(TypeError);
    }
  });

  test("a domain with a separator is refused", () => {
    expect(() => serializeCookie("a", "1", { domain: "example.com; Secure" })).toThrow(TypeError);
  });

  test("every value encodeURIComponent can produce is accepted", () => {
    const all = Array.from({ length: 0x3000 }, (_, i) => String.fromCharCode(i))
      .filter((c) => !/[\ud800-\udfff]/.test(c))
      .join("");
    expect(() => serializeCookie("a", encodeURIComponent(all))).not.toThrow();
    expect(() => serializeCookie("a", encodeURIComponent("token.mac+/=="))).not.toThrow();
  });
});
