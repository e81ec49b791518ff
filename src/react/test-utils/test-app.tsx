import { cleanup, render } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, vi } from "vitest";
import { createAuthClient } from "../../client/create-auth-client.js";
import { createTestBrowser } from "../../client/test-utils/test-browser.js";
import { kernia } from "../../index.js";
import { multiSession } from "../../plugins/index.js";
import { multiSessionClient } from "../../plugins/multi-session/client.js";
import { AuthProvider } from "../auth-provider.js";
import type { AuthProviderProps } from "../auth-provider.js";
import "./dom.js";

export const ada = { name: "Ada Lovelace", email: "ada@example.com", password: "correct horse battery" };
export const grace = { name: "Grace Hopper", email: "grace@example.com", password: "correct horse battery" };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A real Kernia server (SQLite in memory, multi-session) behind an in-process fetch that a test
 * can take down (the fetch rejects, as a browser's does when the server is unreachable) or
 * hold (requests to a path wait until released, to see loading states).
 */
export async function createTestApp(options: { accounts?: Array<typeof ada> } = {}) {
  const auth = kernia({
    database: "sqlite::memory:",
    secret: "x".repeat(32),
    baseURL: "http://localhost:3000",
    plugins: [multiSession()],
  });
  await auth.migrate();
  const browser = createTestBrowser((request) => auth.handler(request));
  let down = false;
  const holds = new Map<string, { gate: Promise<void>; release: () => void }>();
  const inFlight = new Set<Promise<Response>>();

  const client = createAuthClient({
    baseURL: "http://localhost:3000/api/auth",
    plugins: [multiSessionClient()],
    crossTab: false,
    refetchOnWindowFocus: false,
    fetchOptions: {
      fetch(url, init) {
        const response = (async () => {
          for (const [path, hold] of holds) if (url.endsWith(path)) await hold.gate;
          if (down) throw new TypeError("Failed to fetch");
          return browser.fetch(url, init);
        })();
        inFlight.add(response);
        void response.catch(() => {}).finally(() => inFlight.delete(response));
        return response;
      },
    },
  });
  cleanups.push(async () => {
    // Unmount first, then let requests already sent finish, so none reaches a closed database.
    cleanup();
    client.dispose();
    for (const hold of holds.values()) hold.release();
    await Promise.allSettled([...inFlight]);
    await auth.close();
  });

  for (const account of options.accounts ?? [ada, grace]) await client.signUp.email(account);

  const server = {
    down: () => void (down = true),
    up: () => void (down = false),
    /** Holds requests whose URL ends with `path` until the returned function is called. */
    hold(path: string): () => void {
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      holds.set(path, { gate, release });
      return () => {
        holds.delete(path);
        release();
      };
    },
  };
  const navigate = vi.fn<(href: string) => void>();

  const renderWithAuth = (ui: ReactNode, props: Partial<Omit<AuthProviderProps, "authClient" | "children">> = {}) =>
    render(
      <AuthProvider authClient={client} navigate={navigate} {...props}>
        {ui}
      </AuthProvider>,
    );

  /** The device list entry of an account, by email. */
  const entryOf = async (email: string) => {
    const { data } = await client.multiSession.listDeviceSessions();
    const entry = data?.find((item) => item.user.email === email);
    if (!entry) throw new Error(`${email} is not signed in on this device`);
    return entry;
  };

  return { auth, client, server, navigate, renderWithAuth, entryOf };
}
