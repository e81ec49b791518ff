import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAuthClient } from "../../client/create-auth-client.js";
import { createTestBrowser } from "../../client/test-utils/test-browser.js";
import type { TestBrowser } from "../../client/test-utils/test-browser.js";
import { kernia } from "../../index.js";
import { multiSession } from "../index.js";
import { multiSessionClient } from "./client.js";

const baseURL = "http://localhost:3000/api/auth";
const ada = { name: "Ada Lovelace", email: "ada@example.com", password: "correct horse battery" };
const grace = { name: "Grace Hopper", email: "grace@example.com", password: "correct horse battery" };

let auth: ReturnType<typeof kernia>;
let browser: TestBrowser;
const clients: Array<{ dispose(): void }> = [];

function openTab() {
  const client = createAuthClient({ baseURL, plugins: [multiSessionClient()], fetchOptions: { fetch: browser.fetch } });
  clients.push(client);
  return client;
}

const paths = () => browser.requests.map((request) => `${request.method} ${new URL(request.url).pathname.replace("/api/auth", "")}`);

beforeEach(async () => {
  auth = kernia({
    database: "sqlite::memory:",
    secret: "x".repeat(32),
    baseURL: "http://localhost:3000",
    plugins: [multiSession()],
  });
  await auth.migrate();
  browser = createTestBrowser((request) => auth.handler(request));
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.dispose();
  await auth.close();
});

describe("multiSessionClient", () => {
  it("lists the device's accounts with Date fields", async () => {
    const client = openTab();
    await client.signUp.email(ada);
    await client.signUp.email(grace);
    const { data, error } = await client.multiSession.listDeviceSessions();
    expect(error).toBeNull();
    expect(data?.map((entry) => entry.user.email).sort()).toEqual([ada.email, grace.email]);
    expect(data?.[0]?.session.expiresAt).toBeInstanceOf(Date);
    expect(data?.[0]?.user.createdAt).toBeInstanceOf(Date);
  });

  it("setActive by session id switches, updates the session store and refetches the list", async () => {
    const client = openTab();
    await client.signUp.email(ada);
    await client.signUp.email(grace);
    const stopSession = client.store.subscribe(() => {});
    const stopList = client.multiSession.store.subscribe(() => {});
    await vi.waitFor(() => expect(client.multiSession.store.getSnapshot().data).toHaveLength(2));
    expect(client.store.getSnapshot().data?.user.email).toBe(grace.email);

    const adaEntry = client.multiSession.store.getSnapshot().data?.find((entry) => entry.user.email === ada.email);
    browser.requests.length = 0;
    const result = await client.multiSession.setActive({ sessionId: adaEntry!.session.id });
    expect(result.error).toBeNull();
    expect(result.data?.session.id).toBe(adaEntry?.session.id);
    expect(result.data?.session.expiresAt).toBeInstanceOf(Date);
    // the answer is the new state: no get-session round trip, one list refetch
    expect(client.store.getSnapshot().data?.user.email).toBe(ada.email);
    expect(paths()).toEqual(["POST /multi-session/set-active", "GET /multi-session/list-device-sessions"]);
    expect((await client.getSession()).data?.user.email).toBe(ada.email);
    stopSession();
    stopList();
  });

  it("revoke takes the active account from the answer and refetches only the list", async () => {
    const client = openTab();
    await client.signUp.email(ada);
    await client.signUp.email(grace);
    const stopSession = client.store.subscribe(() => {});
    const stopList = client.multiSession.store.subscribe(() => {});
    await vi.waitFor(() => expect(client.multiSession.store.getSnapshot().data).toHaveLength(2));
    const current = client.store.getSnapshot().data!.session.id;

    browser.requests.length = 0;
    const result = await client.multiSession.revoke({ sessionId: current });
    expect(result.error).toBeNull();
    expect(result.data?.status).toBe(true);
    expect(result.data?.active?.user.email).toBe(ada.email);
    expect(client.store.getSnapshot().data?.user.email).toBe(ada.email);
    expect(client.multiSession.store.getSnapshot().data?.map((entry) => entry.user.email)).toEqual([ada.email]);
    expect(paths()).toEqual(["POST /multi-session/revoke", "GET /multi-session/list-device-sessions"]);

    const last = await client.multiSession.revoke({ sessionId: client.store.getSnapshot().data!.session.id });
    expect(last.data).toEqual({ status: true, active: null });
    expect(client.store.getSnapshot().data).toBeNull();
    expect(client.multiSession.store.getSnapshot().data).toEqual([]);
    stopSession();
    stopList();
  });

  it("a session id that is not in this browser's list is an INVALID_SESSION_TOKEN error", async () => {
    const client = openTab();
    await client.signUp.email(ada);
    const result = await client.multiSession.setActive({ sessionId: "A".repeat(32) });
    expect(result).toMatchObject({ data: null, error: { status: 401, code: "INVALID_SESSION_TOKEN" } });
  });

  it("a switch in one tab refreshes the other tab's session and account list", async () => {
    const a = openTab();
    const b = openTab();
    await a.signUp.email(ada);
    await a.signUp.email(grace);
    const stops = [b.store.subscribe(() => {}), b.multiSession.store.subscribe(() => {})];
    await vi.waitFor(() => expect(b.multiSession.store.getSnapshot().data).toHaveLength(2));
    expect(b.store.getSnapshot().data?.user.email).toBe(grace.email);

    const adaEntry = b.multiSession.store.getSnapshot().data?.find((entry) => entry.user.email === ada.email);
    await a.multiSession.setActive({ sessionId: adaEntry!.session.id });
    await vi.waitFor(() => expect(b.store.getSnapshot().data?.user.email).toBe(ada.email));

    const graceEntry = b.multiSession.store.getSnapshot().data?.find((entry) => entry.user.email === grace.email);
    await a.multiSession.revoke({ sessionId: graceEntry!.session.id });
    await vi.waitFor(() => expect(b.multiSession.store.getSnapshot().data).toHaveLength(1));
    for (const stop of stops) stop();
  });
});
