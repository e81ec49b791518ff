import { describe, expect, test, vi } from "vitest";
import { KerniaError } from "../errors.js";
import { errorAnswer } from "./respond.js";

describe("errorAnswer logging", () => {
  test("a flood of 503 TOO_MANY_PENDING_PASSWORD_CHECKS answers logs nothing per request (the hasher logs them, throttled)", () => {
    const logger = { warn: vi.fn(), error: vi.fn() };
    for (let i = 0; i < 100; i++) {
      const answer = errorAnswer(new KerniaError(503, "TOO_MANY_PENDING_PASSWORD_CHECKS"), { logger });
      expect(answer.status).toBe(503);
      expect(JSON.parse(answer.body)).toMatchObject({ code: "TOO_MANY_PENDING_PASSWORD_CHECKS" });
    }
    expect(logger.error).not.toHaveBeenCalled();
  });

  test("other 5xx errors are still logged, each time", () => {
    const logger = { warn: vi.fn(), error: vi.fn() };
    errorAnswer(new KerniaError(503, "SERVICE_UNAVAILABLE"), { logger });
    errorAnswer(new Error("bug"), { logger });
    expect(logger.error).toHaveBeenCalledTimes(2);
  });
});
