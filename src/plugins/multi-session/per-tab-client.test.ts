// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAuthClient } from "../../client/create-auth-client.js";
import { TAB_SESSION_HEADER, tabSessionURL } from "../../client/tab-session.js";
import { createTestBrowser, type TestBrowser } from "../../client/test-utils/test-browser.js";
import { kernia } from "../../index.js";
import { multiSession } from "../index.js";
import { multiSessionClient } from "./client.js";

const baseURL = "http://localhost:3000/api/auth";
const person = (name: string) => ({ name, email: `${name.toLowerCase()}@example.com`, password: "correct horse battery" });

let auth: ReturnType<typeof kernia>;
let browser: TestBrowser;
const clients: Array<{ dispose(): void }> = [];

/** A tab of the one test browser; `perTab` as the app configured it. */
function openTab(perTab = true) {
  const client = createAuthClient({ baseURL, plugins: [multiSessionClient({ perTab })], fetchOptions: { fetch: browser.fetch } });
  clients.push(client);
  return client;
}

async function signUpThree() {
  const setup = openTab(false);
  for (const name of ["Ada", "Bob", "Cy"]) await setup.signUp.email(person(name));
  const { data } = await setup.multiSession.listDeviceSessions();
  const id = (name: string) => data!.find((e) => e.user.name === name)!.session.id;
  return { ada: id("Ada"), bob: id("Bob"), cy: id("Cy") };
}

const email = (client: ReturnType<typeof openTab>) => client.store.getSnapshot().data?.user.email;

beforeEach(async () => {
  sessionStorage.clear();
  history.replaceState(null, "", "/");
  auth = kernia({ database: "sqlite::memory:", secret: "x".repeat(32), baseURL: "http://localhost:3000", plugins: [multiSession()] });
  await auth.migrate();
  browser = createTestBrowser((request) => auth.handler(request));
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.dispose();
  await auth.close();
});

describe("per-tab accounts in the client", () => {
  it("switchThisTab makes this tab Ada while another tab and the browser stay on Cy; the header rides on every call", async () => {
    const ids = await signUpThree();
    const tab = openTab();
    const result = await tab.multiSession.switchThisTab({ sessionId: ids.ada });
    expect(result.data?.user.email).toBe("ada@example.com");
    expect(tab.multiSession.tab.getSnapshot()).toEqual({ sessionId: ids.ada, notice: null });
    expect(sessionStorage.getItem("kernia.tab-session")).toBe(ids.ada);
    expect((await tab.getSession()).data?.user.email).toBe("ada@example.com");
    expect(browser.requests.at(-1)?.headers.get(TAB_SESSION_HEADER)).toBe(ids.ada);

    sessionStorage.clear(); // a different tab has its own sessionStorage
    const follower = openTab();
    expect((await follower.getSession()).data?.user.email).toBe("cy@example.com");
    expect(browser.requests.at(-1)?.headers.has(TAB_SESSION_HEADER)).toBe(false);
  });

  it("a reload keeps the tab's account (sessionStorage)", async () => {
    const ids = await signUpThree();
    await openTab().multiSession.switchThisTab({ sessionId: ids.bob });
    const reloaded = openTab();
    expect(reloaded.multiSession.tab.getSnapshot().sessionId).toBe(ids.bob);
    expect((await reloaded.getSession()).data?.user.email).toBe("bob@example.com");
  });

  it("a page opened from tabSessionURL acts as that account, and the address keeps saying so", async () => {
    const ids = await signUpThree();
    const link = new URL(tabSessionURL(ids.bob, "/inbox?folder=2"), location.href);
    expect(link.searchParams.get("kernia_session")).toBe(ids.bob);
    expect(link.searchParams.get("folder")).toBe("2");
    history.replaceState(null, "", link.pathname + link.search);
    const opened = openTab();
    expect((await opened.getSession()).data?.user.email).toBe("bob@example.com");
    await opened.multiSession.switchThisTab({ sessionId: ids.ada });
    expect(new URL(location.href).searchParams.get("kernia_session")).toBe(ids.ada);
  });

  it("when the tab's account is signed out in another tab, the tab falls back to the browser's account and says so", async () => {
    const ids = await signUpThree();
    const pinned = openTab();
    await pinned.multiSession.switchThisTab({ sessionId: ids.bob });
    const stop = pinned.store.subscribe(() => {});
    await vi.waitFor(() => expect(email(pinned)).toBe("bob@example.com"));

    sessionStorage.clear();
    const elsewhere = openTab();
    expect((await elsewhere.multiSession.revoke({ sessionId: ids.bob })).error).toBeNull();

    await vi.waitFor(() => expect(email(pinned)).toBe("cy@example.com"));
    expect(pinned.multiSession.tab.getSnapshot()).toEqual({ sessionId: null, notice: { reason: "unavailable", sessionId: ids.bob } });
    pinned.multiSession.tab.dismissNotice();
    expect(pinned.multiSession.tab.getSnapshot().notice).toBeNull();
    stop();
  });

  it("another tab's switch leaves a pinned tab alone; switchEverywhere from the pinned tab moves the browser and unpins", async () => {
    const ids = await signUpThree();
    const pinned = openTab();
    await pinned.multiSession.switchThisTab({ sessionId: ids.ada });
    const stop = pinned.store.subscribe(() => {});
    sessionStorage.clear();
    const elsewhere = openTab();
    await elsewhere.multiSession.setActive({ sessionId: ids.bob });
    expect((await pinned.getSession()).data?.user.email).toBe("ada@example.com");
    expect(email(pinned)).toBe("ada@example.com");

    await pinned.multiSession.switchEverywhere({ sessionId: ids.cy });
    expect(pinned.multiSession.tab.getSnapshot().sessionId).toBeNull();
    expect((await elsewhere.getSession()).data?.user.email).toBe("cy@example.com");
    stop();
  });

  it("switchThisTab to an id this browser does not hold fails and leaves the tab's account as it was", async () => {
    const ids = await signUpThree();
    const tab = openTab();
    await tab.multiSession.switchThisTab({ sessionId: ids.ada });
    const result = await tab.multiSession.switchThisTab({ sessionId: "not-a-session-of-this-browser" });
    expect(result.error?.code).toBe("TAB_SESSION_UNAVAILABLE");
    expect(tab.multiSession.tab.getSnapshot()).toEqual({ sessionId: ids.ada, notice: null });
  });

  it("signing in from a pinned tab lets the tab follow the new account; followBrowser unpins", async () => {
    const ids = await signUpThree();
    const tab = openTab();
    await tab.multiSession.switchThisTab({ sessionId: ids.ada });
    await tab.signUp.email(person("Dee"));
    expect(tab.multiSession.tab.getSnapshot().sessionId).toBeNull();
    expect((await tab.getSession()).data?.user.email).toBe("dee@example.com");

    await tab.multiSession.switchThisTab({ sessionId: ids.bob });
    await tab.multiSession.followBrowser();
    expect((await tab.getSession()).data?.user.email).toBe("dee@example.com");
  });

  it("without perTab nothing is pinned and no header is sent, even with the parameter in the address", async () => {
    const ids = await signUpThree();
    history.replaceState(null, "", `/?kernia_session=${ids.ada}`);
    const tab = openTab(false);
    expect(tab.multiSession.perTab).toBe(false);
    expect((await tab.getSession()).data?.user.email).toBe("cy@example.com");
    expect(browser.requests.at(-1)?.headers.has(TAB_SESSION_HEADER)).toBe(false);
  });
});
