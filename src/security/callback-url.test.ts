import { describe, expect, test } from "vitest";
import { assertCallbackURL, hasUnsafeUrlCharacters } from "./callback-url.js";
import { originMatcher } from "./trusted-origins.js";

const base = new URL("http://localhost:3000");
const trusted = originMatcher(base.origin, ["https://partner.example.com", "myapp://", "other://callback", "*.example.net"]);
const allowed = (value: string) => {
  try {
    assertCallbackURL(value, base, trusted);
    return true;
  } catch (error) {
    expect(error).toMatchObject({ status: 403, code: "INVALID_CALLBACK_URL", message: "Invalid callbackURL" });
    return false;
  }
};

describe("assertCallbackURL", () => {
  test("paths on the app and trusted absolute URLs are allowed", () => {
    for (const value of ["/", "/dashboard", "/a?b=c#d", "dashboard", "?tab=1", "#top", "", "http://localhost:3000/x", "https://partner.example.com/welcome"]) {
      expect(allowed(value), value).toBe(true);
    }
  });

  test("open redirects are refused: other hosts, protocol-relative and backslash tricks, script URLs", () => {
    for (const value of [
      "https://evil.example/",
      "//evil.example/path",
      "/\\evil.example",
      "\\\\evil.example",
      "https://localhost:3000@evil.example/",
      "http://localhost:3000.evil.example/",
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "http://[::1",
    ]) {
      expect(allowed(value), value).toBe(false);
    }
  });

  test("issue 14.1: tab, CR and LF (stripped by browsers) cannot turn a path into //evil.test", () => {
    for (const value of ["/\t/evil.test", "/\n/evil.test", "/\r/evil.test", "/\r\n/evil.test", "/\t\\evil.test", "\t//evil.test", "/dash\tboard"]) {
      expect(allowed(value), JSON.stringify(value)).toBe(false);
    }
  });

  test("any C0 or C1 control, DEL or backslash anywhere is refused, even where harmless-looking", () => {
    for (const value of ["/a\u0000b", "/a\u001fb", "/a\u007fb", "/a\u0080b", "/a\u0085b", "/a\u009fb", "/a\\b", "http://localhost:3000/a\\b"]) {
      expect(allowed(value), JSON.stringify(value)).toBe(false);
    }
  });

  test("a space at either end (trimmed by the URL parser) is refused: ' //evil.test' is protocol-relative", () => {
    for (const value of [" //evil.test", "//evil.test ", " javascript:alert(1)", " /dashboard"]) {
      expect(allowed(value), JSON.stringify(value)).toBe(false);
    }
  });

  test("a scheme without slashes is read as a browser reads it: http:evil.test is http://evil.test/", () => {
    for (const value of ["https:evil.test", "http:evil.test", "http:/evil.test", "https:\\\\evil.test", "HTTPS://evil.test"]) {
      expect(allowed(value), value).toBe(false);
    }
  });

  test("userinfo is refused even in front of a trusted host", () => {
    for (const value of ["http://localhost:3000@evil.test", "http://user@localhost:3000/", "http://:pw@localhost:3000/"]) {
      expect(allowed(value), value).toBe(false);
    }
  });

  test("percent-encoded slashes stay a path on the app and are allowed; they change no host", () => {
    for (const value of ["/%2F%2Fevil.com", "/%2f%5cevil.com", "/%09/evil.com"]) expect(allowed(value), value).toBe(true);
    expect(new URL("/%2F%2Fevil.com", base).origin).toBe(base.origin);
  });

  test("issue 14.2: script and local schemes are refused whatever the case, though myapp:// is trusted", () => {
    for (const value of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x", "file:///etc/passwd", "blob:http://localhost:3000/x"]) {
      expect(allowed(value), value).toBe(false);
    }
  });

  test("a trusted app scheme is allowed; a host-bound entry allows only its host; unknown schemes are refused", () => {
    expect(allowed("myapp://callback/path")).toBe(true);
    expect(allowed("MYAPP://anything")).toBe(true);
    expect(allowed("other://callback/x")).toBe(true);
    expect(allowed("other://elsewhere/x")).toBe(false);
    for (const value of ["foo://x", "mailto:a@b.c", "localhost:3000/x", "ws://localhost:3000"]) expect(allowed(value), value).toBe(false);
  });

  test("a *.example.net subdomain is allowed, the lookalike is not", () => {
    expect(allowed("https://app.example.net/welcome")).toBe(true);
    expect(allowed("https://app.example.net.evil.test/")).toBe(false);
  });
});

describe("hasUnsafeUrlCharacters", () => {
  test("flags controls, DEL, C1, backslash and edge spaces; passes ordinary URLs", () => {
    for (const value of ["\t", "a\nb", "\r", "\u0000", "\u007f", "\u0080", "\u009f", "\\", " x", "x "]) {
      expect(hasUnsafeUrlCharacters(value), JSON.stringify(value)).toBe(true);
    }
    for (const value of ["", "/dashboard", "https://a.example/x?y=1#z", "/a b", "/caf\u00e9", "/\u00a0"]) {
      expect(hasUnsafeUrlCharacters(value), JSON.stringify(value)).toBe(false);
    }
  });
});
