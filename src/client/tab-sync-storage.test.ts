// @vitest-environment jsdom
// The localStorage fallback needs a window; the rest of the client suite runs in Node.
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { kernia } from "../index.js";
import { createAuthClient } from "./create-auth-client.js";
import type { AuthClient } from "./create-auth-client.js";
import { TAB_CHANNEL_NAME } from "./tab-sync.js";
import { createTestBrowser } from "./test-utils/test-browser.js";

let auth: ReturnType<typeof kernia>;
const clients: AuthClient[] = [];

beforeEach(async () => {
  // Where BroadcastChannel is missing (older Safari) the client must fall back to storage events.
  vi.stubGlobal("BroadcastChannel", undefined);
  window.localStorage.clear();
  auth = kernia({ database: "sqlite::memory:", secret: "x".repeat(32), baseURL: "http://localhost:3000" });
  await auth.migrate();
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.dispose();
  vi.unstubAllGlobals();
  await auth.close();
});

it("without BroadcastChannel, a change is written to localStorage and other tabs follow its storage event", async () => {
  const browser = createTestBrowser((request) => auth.handler(request));
  const options = { baseURL: "http://localhost:3000/api/auth", fetchOptions: { fetch: browser.fetch } };
  const a = createAuthClient(options);
  const b = createAuthClient(options);
  clients.push(a, b);
  const stop = b.store.subscribe(() => {});
  await vi.waitFor(() => expect(b.store.getSnapshot().isPending).toBe(false));
  expect(b.store.getSnapshot().data).toBeNull();

  await a.signUp.email({ name: "Ada", email: "ada@example.com", password: "correct horse battery" });
  const written = window.localStorage.getItem(TAB_CHANNEL_NAME);
  expect(JSON.parse(written ?? "null")).toMatchObject({ type: "session-changed", reason: "sign-up" });
  // A browser fires `storage` only in the *other* documents; jsdom has one, so deliver it.
  window.dispatchEvent(new StorageEvent("storage", { key: TAB_CHANNEL_NAME, newValue: written }));
  await vi.waitFor(() => expect(b.store.getSnapshot().data?.user.email).toBe("ada@example.com"));
  stop();
});

it("ignores storage events for other keys and unparseable values", async () => {
  let fetches = 0;
  const client = createAuthClient({
    baseURL: "http://localhost:3000/api/auth",
    fetchOptions: { fetch: async () => (fetches++, Response.json(null)) },
  });
  clients.push(client);
  const stop = client.store.subscribe(() => {});
  await vi.waitFor(() => expect(client.store.getSnapshot().isPending).toBe(false));
  window.dispatchEvent(new StorageEvent("storage", { key: "something-else", newValue: "{}" }));
  window.dispatchEvent(new StorageEvent("storage", { key: TAB_CHANNEL_NAME, newValue: "not json" }));
  const valid = JSON.stringify({ type: "session-changed", reason: "switch", sender: "other-tab", at: Date.now() });
  window.dispatchEvent(new StorageEvent("storage", { key: TAB_CHANNEL_NAME, newValue: valid }));
  await vi.waitFor(() => expect(client.store.getSnapshot().isRefetching).toBe(false));
  expect(fetches).toBe(2);
  stop();
});
