// @vitest-environment jsdom
// Focus and visibility events need a window; the rest of the client suite runs in Node.
import { afterEach, expect, it, vi } from "vitest";
import { createAuthClient } from "./create-auth-client.js";
import type { AuthClient } from "./create-auth-client.js";

const clients: AuthClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.dispose();
});

function countingClient(options: { refetchOnWindowFocus?: boolean } = {}) {
  const counter = { fetches: 0 };
  const client = createAuthClient({
    baseURL: "http://localhost:3000/api/auth",
    crossTab: false,
    ...options,
    fetchOptions: { fetch: async () => (counter.fetches++, Response.json(null)) },
  });
  clients.push(client);
  return { client, counter };
}

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
  document.dispatchEvent(new Event("visibilitychange"));
}

it("refetches the session when the window regains focus or the page becomes visible, while subscribed", async () => {
  const { client, counter } = countingClient();
  const stop = client.store.subscribe(() => {});
  await vi.waitFor(() => expect(client.store.getSnapshot().isPending).toBe(false));
  expect(counter.fetches).toBe(1);

  window.dispatchEvent(new Event("focus"));
  await vi.waitFor(() => expect(client.store.getSnapshot().isRefetching).toBe(false));
  expect(counter.fetches).toBe(2);

  setVisibility("hidden");
  expect(counter.fetches).toBe(2);
  setVisibility("visible");
  await vi.waitFor(() => expect(client.store.getSnapshot().isRefetching).toBe(false));
  expect(counter.fetches).toBe(3);

  stop();
  window.dispatchEvent(new Event("focus"));
  expect(counter.fetches).toBe(3);
});

it("focus and visibility together (returning to a tab) cost one request", async () => {
  const { client, counter } = countingClient();
  const stop = client.store.subscribe(() => {});
  await vi.waitFor(() => expect(client.store.getSnapshot().isPending).toBe(false));
  setVisibility("visible");
  window.dispatchEvent(new Event("focus"));
  await vi.waitFor(() => expect(client.store.getSnapshot().isRefetching).toBe(false));
  expect(counter.fetches).toBe(2);
  stop();
});

it("refetchOnWindowFocus: false turns it off", async () => {
  const { client, counter } = countingClient({ refetchOnWindowFocus: false });
  const stop = client.store.subscribe(() => {});
  await vi.waitFor(() => expect(client.store.getSnapshot().isPending).toBe(false));
  window.dispatchEvent(new Event("focus"));
  expect(counter.fetches).toBe(1);
  stop();
});
