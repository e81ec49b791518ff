/**
 * Error codes of the core, and the one error class every module throws.
 * The codes and messages match Better Auth 1.7's, so existing clients keep working.
 */
export const CORE_ERROR_CODES = {
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "User already exists. Use another email.",
  PASSWORD_TOO_SHORT: "Password too short",
  PASSWORD_TOO_LONG: "Password too long",
  VALIDATION_ERROR: "Invalid request body",
  BAD_REQUEST: "Invalid JSON in request body",
  INVALID_EMAIL_OR_PASSWORD: "Invalid email or password",
  UNAUTHORIZED: "Unauthorized",
  SESSION_NOT_FRESH: "Session is not fresh",
  MISSING_OR_NULL_ORIGIN: "Missing or null Origin",
  INVALID_ORIGIN: "Invalid origin",
  TOO_MANY_REQUESTS: "Too many requests. Please try again later.",
  PAYLOAD_TOO_LARGE: "Request body is too large",
  NOT_FOUND: "Not found",
  METHOD_NOT_ALLOWED: "Method not allowed",
  INTERNAL_SERVER_ERROR: "Internal server error",
  SERVICE_UNAVAILABLE: "The service is unavailable. Please try again later.",
  FAILED_TO_CREATE_USER: "Failed to create user",
  // Kernia's own, beyond Better Auth's:
  TOO_MANY_PENDING_PASSWORD_CHECKS: "Too many password checks are waiting. Please try again shortly.",
  INVALID_HOST: "Invalid Host header",
  INVALID_REQUEST_TARGET: "Invalid request target",
  TAB_SESSION_UNAVAILABLE: "The account chosen for this tab is not signed in on this browser",
} as const;

export type CoreErrorCode = keyof typeof CORE_ERROR_CODES;

/**
 * Any error Kernia answers a request with. `status` is the HTTP status, `code` a stable
 * UPPER_SNAKE identifier that clients switch on; the stack and `cause` are kept.
 *
 * @example
 * throw new KerniaError(401, "UNAUTHORIZED");
 */
export class KerniaError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message?: string, options?: { cause?: unknown }) {
    super(message ?? (CORE_ERROR_CODES as Record<string, string>)[code] ?? code, options);
    this.name = "KerniaError";
    this.status = status;
    this.code = code;
  }

  /** The JSON body sent on the wire: `{ message, code }`. */
  toJSON(): { message: string; code: string } {
    return { message: this.message, code: this.code };
  }
}

/** Raised at startup when an option is missing or malformed; the message names the option. */
export class KerniaConfigError extends Error {
  constructor(option: string, problem: string, options?: { cause?: unknown }) {
    super(`kernia: option "${option}" ${problem}`, options);
    this.name = "KerniaConfigError";
  }
}
