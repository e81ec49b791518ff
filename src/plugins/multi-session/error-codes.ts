/** Error codes of the multi-session plugin (Better Auth's names and messages). */
export const MULTI_SESSION_ERROR_CODES = {
  INVALID_SESSION_TOKEN: "Invalid session token",
} as const;

export type MultiSessionErrorCode = keyof typeof MULTI_SESSION_ERROR_CODES;
