import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { kernia } from "../index.js";
import { createAuthClient } from "./create-auth-client.js";
import type { AuthClient } from "./create-auth-client.js";
import { createTabSync, TAB_CHANNEL_NAME } from "./tab-sync.js";
import { createTestBrowser } from "./test-utils/test-browser.js";
import type { TestBrowser } from "./test-utils/test-browser.js";

const baseURL = "http://localhost:3000/api/auth";
const ada = { name: "Ada Lovelace", email: "ada@example.com", password: "correct horse battery" };

let auth: ReturnType<typeof kernia>;
let browser: TestBrowser;
const clients: AuthClient[] = [];

/** A tab: its own client, sharing the browser's cookie jar; counts its get-session calls. */
function openTab(options: { crossTab?: boolean } = {}) {
  const tab = { sessionFetches: 0, client: null as unknown as AuthClient };
  tab.client = createAuthClient({
    baseURL,
    ...options,
    fetchOptions: {
      fetch: (url, init) => {
        if (url.endsWith("/get-session")) tab.sessionFetches++;
        return browser.fetch(url, init);
      },
    },
  });
  clients.push(tab.client);
  return tab;
}

beforeEach(async () => {
  auth = kernia({ database: "sqlite::memory:", secret: "x".repeat(32), baseURL: "http://localhost:3000" });
  await auth.migrate();
  browser = createTestBrowser((request) => auth.handler(request));
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.dispose();
  await auth.close();
});

describe("cross-tab broadcast", () => {
  it("a sign-in, then a sign-out, in one tab shows in the other", async () => {
    const a = openTab();
    const b = openTab();
    const stop = b.client.store.subscribe(() => {});
    await vi.waitFor(() => expect(b.client.store.getSnapshot().isPending).toBe(false));
    expect(b.client.store.getSnapshot().data).toBeNull();

    await a.client.signUp.email(ada);
    await vi.waitFor(() => expect(b.client.store.getSnapshot().data?.user.email).toBe(ada.email));

    await a.client.signOut();
    await vi.waitFor(() => expect(b.client.store.getSnapshot().data).toBeNull());
    stop();
  });

  it("a tab refetches once for its own change, not again for its own broadcast", async () => {
    const a = openTab();
    const stop = a.client.store.subscribe(() => {});
    await vi.waitFor(() => expect(a.client.store.getSnapshot().isPending).toBe(false));
    const before = a.sessionFetches;

    // b is subscribed so we know when the broadcast has been delivered
    const b = openTab();
    const stopB = b.client.store.subscribe(() => {});
    await vi.waitFor(() => expect(b.client.store.getSnapshot().isPending).toBe(false));
    await a.client.signUp.email(ada);
    await vi.waitFor(() => expect(b.client.store.getSnapshot().data?.user.email).toBe(ada.email));

    // one refetch for the sign-up itself, none for the echo of its own broadcast
    expect(a.sessionFetches - before).toBe(1);
    stop();
    stopB();
  });

  it("a client created with crossTab: false neither sends nor follows", async () => {
    const quiet = openTab({ crossTab: false });
    const listener = openTab();
    const stop = listener.client.store.subscribe(() => {});
    const stopQuiet = quiet.client.store.subscribe(() => {});
    await vi.waitFor(() => expect(listener.client.store.getSnapshot().isPending).toBe(false));
    const before = listener.sessionFetches;

    await quiet.client.signUp.email(ada);
    // a message from another, ordinary tab proves the channel works and gives the quiet
    // tab's (absent) message time to have arrived first
    const probe = new BroadcastChannel(TAB_CHANNEL_NAME);
    probe.postMessage({ type: "session-changed", reason: "switch", sender: "probe", at: Date.now() });
    await vi.waitFor(() => expect(listener.sessionFetches).toBe(before + 1));
    probe.close();

    const quietFetches = quiet.sessionFetches;
    await openTab().client.signOut();
    await vi.waitFor(() => expect(listener.client.store.getSnapshot().data).toBeNull());
    expect(quiet.sessionFetches).toBe(quietFetches);
    stop();
    stopQuiet();
  });

  it("ignores malformed messages on the channel", async () => {
    const sync = createTabSync();
    const received: string[] = [];
    sync.subscribe((message) => received.push(message.reason));
    const other = new BroadcastChannel(TAB_CHANNEL_NAME);
    other.postMessage({ type: "session-changed", reason: "drop-tables", sender: "x", at: 1 });
    other.postMessage("hello");
    other.postMessage({ type: "session-changed", reason: "revoke", sender: "x", at: 1 });
    await vi.waitFor(() => expect(received).toEqual(["revoke"]));
    other.close();
    sync.close();
  });
});
