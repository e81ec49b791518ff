/**
 * `kernia/client`: a framework-free client for a Kernia (or Better Auth) server.
 *
 * @example
 * ```ts
 * import { createAuthClient } from "kernia/client";
 * const authClient = createAuthClient({ baseURL: "/api/auth" });
 * const { data, error } = await authClient.getSession();
 * ```
 *
 * @module
 */
export { createAuthClient } from "./create-auth-client.js";
export type { AuthClient, AuthClientOptions, BaseAuthClient } from "./create-auth-client.js";
export type { CallOptions, FetchLike, FetchOptions, RequestHook, Requester } from "./fetcher.js";
export type { ClientPlugin, ClientPluginContext, InferPluginActions, SessionChange } from "./plugin.js";
export { createQueryStore } from "./query-store.js";
export type { QueryState, QueryStore, QueryStoreOptions, WritableQueryStore } from "./query-store.js";
export { TAB_CHANNEL_NAME } from "./tab-sync.js";
export { createTabPin, tabSessionURL, TAB_SESSION_HEADER, TAB_SESSION_PARAM } from "./tab-session.js";
export type { TabAccountState, TabNotice, TabPin } from "./tab-session.js";
export type { SessionChangeReason, TabMessage } from "./tab-sync.js";
export type {
  AuthClientError,
  AuthResult,
  DeviceSession,
  Session,
  SessionWithUser,
  SignInEmailInput,
  SignInEmailResponse,
  SignUpEmailInput,
  SignUpEmailResponse,
  User,
} from "./types.js";
