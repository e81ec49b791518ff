import { createAuthClient } from "../../src/client/index.js";
import { multiSessionClient } from "../../src/client/plugins.js";

/**
 * The demo's one client: same origin as the page, so cookies and the origin check just work.
 * `multiSessionClient({ perTab: true })` adds `authClient.multiSession.*` for the switcher and
 * lets each tab act as its own account ("Open in new tab" in the switcher).
 */
export const authClient = createAuthClient({ baseURL: "/api/auth", plugins: [multiSessionClient({ perTab: true })] });
