import { describe, expect, test } from "vitest";
import { KerniaConfigError } from "../errors.js";
import { cookieConfig } from "./session-cookie.js";
import { serializeCookie } from "./serialize.js";

const config = (baseURL: string, advanced: { cookiePrefix?: string; useSecureCookies?: boolean; useHostPrefix?: boolean } = {}) =>
  cookieConfig({ database: "sqlite::memory:", advanced }, new URL(baseURL));

describe("cookieConfig", () => {
  test("on http: Better Auth's names, HttpOnly, SameSite=Lax, Path=/, no Secure", () => {
    const c = config("http://localhost:3000");
    expect(c.sessionToken).toBe("better-auth.session_token");
    expect(c.dontRemember).toBe("better-auth.dont_remember");
    expect(c.sessionData).toBe("better-auth.session_data");
    expect(c.attributes).toEqual({ httpOnly: true, sameSite: "lax", path: "/", secure: false });
    expect(serializeCookie(c.sessionToken, "v", { ...c.attributes, maxAge: 10 })).toBe(
      "better-auth.session_token=v; Max-Age=10; Path=/; HttpOnly; SameSite=Lax",
    );
  });

  test("on https: the __Secure- name prefix and the Secure attribute", () => {
    const c = config("https://app.example.com");
    expect(c.secure).toBe(true);
    expect(c.sessionToken).toBe("__Secure-better-auth.session_token");
    expect(c.dontRemember).toBe("__Secure-better-auth.dont_remember");
    expect(c.name("session_list")).toBe("__Secure-better-auth.session_list");
    expect(serializeCookie(c.sessionToken, "v", c.attributes)).toMatch(/; Secure(;|$)/);
  });

  test("advanced.cookiePrefix renames every cookie", () => {
    const c = config("https://app.example.com", { cookiePrefix: "myapp" });
    expect(c.sessionToken).toBe("__Secure-myapp.session_token");
    expect(config("http://localhost", { cookiePrefix: "myapp" }).dontRemember).toBe("myapp.dont_remember");
  });

  test("advanced.useSecureCookies overrides the base URL's scheme both ways", () => {
    expect(config("http://localhost:3000", { useSecureCookies: true }).sessionToken).toBe("__Secure-better-auth.session_token");
    const off = config("https://app.example.com", { useSecureCookies: false });
    expect(off.sessionToken).toBe("better-auth.session_token");
    expect(off.attributes.secure).toBe(false);
  });

  test("advanced.useHostPrefix names every cookie __Host-<prefix>.<name> with Secure, Path=/ and no Domain", () => {
    const c = config("https://app.example.com", { useHostPrefix: true, cookiePrefix: "myapp" });
    expect(c.secure).toBe(true);
    expect(c.sessionToken).toBe("__Host-myapp.session_token");
    expect(c.dontRemember).toBe("__Host-myapp.dont_remember");
    expect(c.sessionData).toBe("__Host-myapp.session_data");
    expect(c.name("session_list")).toBe("__Host-myapp.session_list");
    expect(c.attributes).toEqual({ httpOnly: true, sameSite: "lax", path: "/", secure: true });
    expect(serializeCookie(c.sessionToken, "v", c.attributes)).toBe("__Host-myapp.session_token=v; Path=/; HttpOnly; Secure; SameSite=Lax");
  });

  test("advanced.useHostPrefix on an http base URL is a KerniaConfigError unless useSecureCookies forces Secure", () => {
    expect(() => config("http://localhost:3000", { useHostPrefix: true })).toThrow(KerniaConfigError);
    expect(() => config("http://localhost:3000", { useHostPrefix: true })).toThrow(/advanced\.useHostPrefix/);
    expect(() => config("https://app.example.com", { useHostPrefix: true, useSecureCookies: false })).toThrow(KerniaConfigError);
    expect(config("http://localhost:3000", { useHostPrefix: true, useSecureCookies: true }).sessionToken).toBe("__Host-better-auth.session_token");
  });

  test("useHostPrefix: false keeps the __Secure- layout", () => {
    expect(config("https://app.example.com", { useHostPrefix: false }).sessionToken).toBe("__Secure-better-auth.session_token");
  });
});
