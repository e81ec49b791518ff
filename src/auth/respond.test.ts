import { describe, expect, test, vi } from "vitest";
import { KerniaError } from "../errors.js";
import { errorResponse } from "./respond.js";

describe("errorResponse logging", () => {
  test("a flood of 503 TOO_MANY_PENDING_PASSWORD_CHECKS answers logs nothing per request (the hasher logs them, throttled)", async () => {
    const logger = { warn: vi.fn(), error: vi.fn() };
    for (let i = 0; i < 100; i++) {
      const res = errorResponse(new KerniaError(503, "TOO_MANY_PENDING_PASSWORD_CHECKS"), { logger });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ code: "TOO_MANY_PENDING_PASSWORD_CHECKS" });
    }
    expect(logger.error).not.toHaveBeenCalled();
  });

  test("other 5xx errors are still logged, each time", () => {
    const logger = { warn: vi.fn(), error: vi.fn() };
    errorResponse(new KerniaError(503, "SERVICE_UNAVAILABLE"), { logger });
    errorResponse(new Error("bug"), { logger });
    expect(logger.error).toHaveBeenCalledTimes(2);
  });
});
