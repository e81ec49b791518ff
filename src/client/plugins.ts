/**
 * `kernia/client/plugins`: client plugins.
 *
 * @example
 * ```ts
 * import { multiSessionClient } from "kernia/client/plugins";
 * const authClient = createAuthClient({ baseURL: "/api/auth", plugins: [multiSessionClient()] });
 * ```
 *
 * @module
 */
export { multiSessionClient } from "../plugins/multi-session/client.js";
export type {
  DeviceSessionTarget,
  MultiSessionActions,
  MultiSessionClientOptions,
  TabAccount,
  RevokeDeviceSessionResponse,
} from "../plugins/multi-session/client.js";
