import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { kernia } from "../index.js";
import { multiSessionClient } from "../plugins/multi-session/client.js";
import { createAuthClient } from "./create-auth-client.js";
import type { AuthClient } from "./create-auth-client.js";
import { createTestBrowser } from "./test-utils/test-browser.js";
import type { TestBrowser } from "./test-utils/test-browser.js";
import type { AuthResult, DeviceSession, SessionWithUser } from "./types.js";

const baseURL = "http://localhost:3000/api/auth";
const ada = { name: "Ada Lovelace", email: "Ada@Example.com", password: "correct horse battery" };

let auth: ReturnType<typeof kernia>;
let browser: TestBrowser;
let client: AuthClient;

beforeEach(async () => {
  auth = kernia({ database: "sqlite::memory:", secret: "x".repeat(32), baseURL: "http://localhost:3000" });
  await auth.migrate();
  browser = createTestBrowser((request) => auth.handler(request));
  client = createAuthClient({ baseURL, crossTab: false, fetchOptions: { fetch: browser.fetch } });
});

afterEach(async () => {
  client.dispose();
  await auth.close();
});

describe("results are { data, error }", () => {
  it("sign-up answers data with Date fields and a null error", async () => {
    const result = await client.signUp.email(ada);
    expect(result.error).toBeNull();
    expect(result.data?.user.email).toBe("ada@example.com");
    expect(result.data?.user.createdAt).toBeInstanceOf(Date);
    expect(result.data?.user.updatedAt).toBeInstanceOf(Date);
    expect(result.data?.token).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it("a server error becomes { data: null, error: { status, code, message } }", async () => {
    await client.signUp.email(ada);
    const again = await client.signUp.email(ada);
    expect(again.data).toBeNull();
    expect(again.error).toMatchObject({ status: 422, code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL" });
    expect(again.error?.message).toEqual(expect.any(String));

    const wrong = await client.signIn.email({ email: ada.email, password: "not the password" });
    expect(wrong).toMatchObject({ data: null, error: { status: 401, code: "INVALID_EMAIL_OR_PASSWORD" } });
  });

  it("get-session answers the session with Dates, and data: null once signed out", async () => {
    await client.signUp.email(ada);
    const signedIn = await client.getSession();
    expect(signedIn.error).toBeNull();
    expect(signedIn.data?.user.name).toBe("Ada Lovelace");
    expect(signedIn.data?.session.expiresAt).toBeInstanceOf(Date);
    expect(signedIn.data?.session.expiresAt.getTime()).toBeGreaterThan(Date.now());

    expect(await client.signOut()).toEqual({ data: { success: true }, error: null });
    expect(await client.getSession()).toEqual({ data: null, error: null });
  });

  it("a network failure is an error with status 0 and code NETWORK_ERROR, never a throw", async () => {
    const offline = createAuthClient({
      baseURL,
      crossTab: false,
      fetchOptions: { fetch: () => Promise.reject(new TypeError("fetch failed")) },
    });
    const result = await offline.signIn.email({ email: ada.email, password: ada.password });
    expect(result.data).toBeNull();
    expect(result.error).toMatchObject({ status: 0, code: "NETWORK_ERROR" });
    expect(result.error?.message).toContain("fetch failed");
  });

  it("an error body that is not JSON still gives a status and a code", async () => {
    const proxy = createAuthClient({
      baseURL,
      crossTab: false,
      fetchOptions: { fetch: async () => new Response("<h1>Bad gateway</h1>", { status: 502, statusText: "Bad Gateway" }) },
    });
    expect(await proxy.getSession()).toEqual({
      data: null,
      error: { status: 502, code: "UNKNOWN_ERROR", message: "Bad Gateway" },
    });
  });
});

describe("requests", () => {
  it("go under baseURL with credentials, JSON bodies and the caller's headers", async () => {
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const spy = createAuthClient({
      baseURL: "http://localhost:3000/api/auth/",
      crossTab: false,
      fetchOptions: {
        headers: { "x-app": "admin" },
        fetch: async (url, init) => {
          seen.push({ url, init });
          return Response.json(null);
        },
      },
    });
    await spy.signIn.email({ email: "a@b.c", password: "pw" }, { headers: { "x-call": "1" } });
    const [call] = seen;
    expect(call?.url).toBe("http://localhost:3000/api/auth/sign-in/email");
    expect(call?.init).toMatchObject({ method: "POST", credentials: "include" });
    expect(JSON.parse(String(call?.init.body))).toEqual({ email: "a@b.c", password: "pw" });
    const headers = new Headers(call?.init.headers);
    expect(headers.get("content-type")).toBe("application/json");
    expect(headers.get("x-app")).toBe("admin");
    expect(headers.get("x-call")).toBe("1");
  });
});

describe("the session store", () => {
  it("loads on first subscribe and follows sign-up and sign-out", async () => {
    expect(client.store.getSnapshot()).toMatchObject({ data: null, isPending: true });

    const snapshots: Array<string | null> = [];
    const stop = client.store.subscribe(() => {
      const state = client.store.getSnapshot();
      if (!state.isPending && !state.isRefetching) snapshots.push(state.data?.user.email ?? null);
    });
    await vi.waitFor(() => expect(client.store.getSnapshot().isPending).toBe(false));
    expect(client.store.getSnapshot().data).toBeNull();

    await client.signUp.email(ada);
    expect(client.store.getSnapshot().data?.user.email).toBe("ada@example.com");

    await client.signOut();
    expect(client.store.getSnapshot().data).toBeNull();
    expect(snapshots).toEqual([null, "ada@example.com", null]);
    stop();
  });

  it("keeps the last good data when a refetch fails, and reports the error", async () => {
    let down = false;
    const flaky = createAuthClient({
      baseURL,
      crossTab: false,
      fetchOptions: { fetch: (url, init) => (down ? Promise.reject(new TypeError("offline")) : browser.fetch(url, init)) },
    });
    await flaky.signUp.email(ada);
    const stop = flaky.store.subscribe(() => {});
    await vi.waitFor(() => expect(flaky.store.getSnapshot().data?.user.name).toBe("Ada Lovelace"));
    down = true;
    const state = await flaky.store.refetch();
    expect(state.data?.user.name).toBe("Ada Lovelace");
    expect(state.error).toMatchObject({ status: 0, code: "NETWORK_ERROR" });
    stop();
    flaky.dispose();
  });
});

describe("plugin types", () => {
  it("are inferred from the plugins array", () => {
    const withPlugin = createAuthClient({ baseURL, crossTab: false, plugins: [multiSessionClient()] });
    expectTypeOf(withPlugin.multiSession.listDeviceSessions).returns.toEqualTypeOf<Promise<AuthResult<DeviceSession[]>>>();
    expectTypeOf(withPlugin.multiSession.setActive).returns.toEqualTypeOf<Promise<AuthResult<SessionWithUser>>>();
    expect(typeof withPlugin.multiSession.setActive).toBe("function");
    // @ts-expect-error a client without the plugin has no multiSession
    expect(client.multiSession).toBeUndefined();
    withPlugin.dispose();
  });
});
