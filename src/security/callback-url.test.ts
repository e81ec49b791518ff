import { describe, expect, test } from "vitest";
import { assertCallbackURL } from "./callback-url.js";

const base = new URL("http://localhost:3000");
const trusted = new Set(["http://localhost:3000", "https://partner.example.com"]);
const allowed = (value: string) => {
  try {
    assertCallbackURL(value, base, trusted);
    return true;
  } catch (error) {
    expect(error).toMatchObject({ status: 403, code: "INVALID_CALLBACK_URL" });
    return false;
  }
};

describe("assertCallbackURL", () => {
  test("paths on the app and trusted absolute URLs are allowed", () => {
    for (const value of ["/", "/dashboard", "/a?b=c#d", "dashboard", "http://localhost:3000/x", "https://partner.example.com/welcome"]) {
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
});
