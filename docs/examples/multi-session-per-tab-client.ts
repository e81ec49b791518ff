// auth-client.ts (browser): each tab may act as its own account.
import { createAuthClient, tabSessionURL } from "kernia/client";
import { multiSessionClient } from "kernia/client/plugins";

export const authClient = createAuthClient({
  baseURL: "/api/auth",
  plugins: [multiSessionClient({ perTab: true })],
});

// This tab only: other tabs and the browser's active account stay as they are.
export async function switchHere(sessionId: string) {
  const { error } = await authClient.multiSession.switchThisTab({ sessionId });
  if (error) console.warn(`could not switch this tab: ${error.code}`);
}

// Every tab that follows the browser (and this one) moves to the account.
export async function switchAll(sessionId: string) {
  await authClient.multiSession.switchEverywhere({ sessionId });
}

// A link that opens the current page as the account (middle-click works).
export const openAs = (sessionId: string) => tabSessionURL(sessionId);

// Your own API calls carry the tab's account, so your routes see the same user as the page.
export async function loadInbox(): Promise<unknown> {
  const response = await fetch("/api/inbox", { headers: authClient.multiSession.tab.headers() });
  return response.json();
}
