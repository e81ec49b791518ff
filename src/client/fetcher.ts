import type { AuthClientError, AuthResult } from "./types.js";

/**
 * A `fetch`-compatible function. Tests pass one that calls a server's `auth.handler` in process.
 *
 * @example
 * ```ts
 * const inProcess: FetchLike = (url, init) => auth.handler(new Request(url, init));
 * ```
 */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Options applied to every request a client makes.
 *
 * @example
 * ```ts
 * createAuthClient({ baseURL, fetchOptions: { headers: { "x-app": "admin" }, fetch: inProcess } });
 * ```
 */
export interface FetchOptions {
  /** The `fetch` to use; the global one by default. */
  fetch?: FetchLike;
  /** Headers sent with every request. */
  headers?: HeadersInit;
}

/**
 * Options for a single call.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * await authClient.getSession({ signal: controller.signal });
 * ```
 */
export interface CallOptions {
  headers?: HeadersInit;
  signal?: AbortSignal;
}

/**
 * Sends one request to the auth server and settles into an {@link AuthResult}.
 *
 * @example
 * ```ts
 * const { data } = await request<{ status: boolean }>("POST", "/revoke-session", { token });
 * ```
 */
export type Requester = <T>(
  method: "GET" | "POST",
  path: string,
  body?: object,
  options?: CallOptions,
) => Promise<AuthResult<T>>;

// Only the wire contract's date fields are revived, so a user's `name` that happens to look like
// a date stays a string.
const DATE_KEYS = new Set(["createdAt", "updatedAt", "expiresAt"]);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

function reviveDates(key: string, value: unknown): unknown {
  if (typeof value === "string" && DATE_KEYS.has(key) && ISO_DATE.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return value;
}

function failure(status: number, code: string, message: string): { data: null; error: AuthClientError } {
  return { data: null, error: { status, code, message } };
}

function readErrorBody(text: string): { code?: unknown; message?: unknown } {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

/**
 * A client plugin's say in every request: headers read per call, and whether a failed answer
 * should be sent once more (after the hook changed what its headers say).
 *
 * @example
 * ```ts
 * const hook: RequestHook = {
 *   headers: () => (pinned ? { "x-kernia-session-id": pinned } : undefined),
 *   retry: (error, sent) => error.code === "TAB_SESSION_UNAVAILABLE" && sent.has("x-kernia-session-id") && unpin(),
 * };
 * ```
 */
export interface RequestHook {
  headers?(): Record<string, string> | undefined;
  /** `sent`: the headers the failed request carried. */
  retry?(error: AuthClientError, sent: Headers): boolean;
}

/**
 * Builds the function every client method sends its request through: joins `path` to
 * `baseURL`, sends JSON with `credentials: "include"`, and turns the answer (or its absence)
 * into `{ data, error }`. `hooks` is read on every call, so hooks added later apply.
 *
 * @example
 * ```ts
 * const request = createRequester({ baseURL: "/api/auth" });
 * const { data } = await request<SessionWithUser | null>("GET", "/get-session");
 * ```
 */
export function createRequester(config: { baseURL: string; fetchOptions?: FetchOptions; hooks?: readonly RequestHook[] }): Requester {
  const base = config.baseURL.replace(/\/+$/, "");
  const shared = config.fetchOptions?.headers;
  const hooks = config.hooks ?? [];

  async function send<T>(
    headers: Headers,
    method: "GET" | "POST",
    path: string,
    body?: object,
    options?: CallOptions,
  ): Promise<AuthResult<T>> {
    for (const hook of hooks) {
      const extra = hook.headers?.();
      if (extra) for (const [name, value] of Object.entries(extra)) headers.set(name, value);
    }
    new Headers(options?.headers).forEach((value, name) => headers.set(name, value));
    headers.set("accept", "application/json");
    const init: RequestInit = { method, headers, credentials: "include" };
    if (options?.signal) init.signal = options.signal;
    if (method === "POST") {
      headers.set("content-type", "application/json");
      init.body = JSON.stringify(body ?? {});
    }

    // Resolved per call so a test or polyfill that replaces the global later is honoured.
    const fetchImpl: FetchLike = config.fetchOptions?.fetch ?? ((input, init) => globalThis.fetch(input, init));
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(`${base}${path}`, init);
      text = await response.text();
    } catch (cause) {
      if (cause instanceof Error && cause.name === "AbortError") {
        return failure(0, "ABORTED", "The request was aborted.");
      }
      const reason = cause instanceof Error ? cause.message : String(cause);
      return failure(0, "NETWORK_ERROR", `Could not reach the auth server: ${reason}`);
    }

    if (!response.ok) {
      const parsed = readErrorBody(text);
      const code = typeof parsed.code === "string" && parsed.code ? parsed.code : "UNKNOWN_ERROR";
      const message =
        typeof parsed.message === "string" && parsed.message
          ? parsed.message
          : response.statusText || `Request failed with status ${response.status}`;
      return failure(response.status, code, message);
    }

    if (text.trim() === "") return { data: null as T, error: null };
    try {
      // The contract types the body; the server is trusted to keep it.
      return { data: JSON.parse(text, reviveDates) as T, error: null };
    } catch {
      return failure(response.status, "INVALID_RESPONSE", "The auth server answered with something other than JSON.");
    }
  }

  return async function request<T>(
    method: "GET" | "POST",
    path: string,
    body?: object,
    options?: CallOptions,
  ): Promise<AuthResult<T>> {
    const sent = new Headers(shared);
    const result = await send<T>(sent, method, path, body, options);
    const { error } = result;
    // Every hook sees the failure (none is skipped because an earlier one asked for a retry).
    if (error && hooks.map((hook) => hook.retry?.(error, sent) ?? false).includes(true)) {
      return send<T>(new Headers(shared), method, path, body, options);
    }
    return result;
  };
}
