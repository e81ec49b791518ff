import { z } from "zod";
import { describe, expect, test } from "vitest";
import { parseJson, validateBody } from "./validate.js";

describe("parseJson", () => {
  test("parses JSON; empty or blank text is undefined", () => {
    expect(parseJson('{"a":1}')).toEqual({ a: 1 });
    expect(parseJson("")).toBeUndefined();
    expect(parseJson(" \n")).toBeUndefined();
  });

  test("malformed JSON is 400 BAD_REQUEST, as in Better Auth", () => {
    for (const text of ["{", "{'a':1}", "undefined", "NaN", "[1,]"]) {
      expect(() => parseJson(text), text).toThrow(expect.objectContaining({ status: 400, code: "BAD_REQUEST", message: "Invalid JSON in request body" }));
    }
  });
});

describe("validateBody", () => {
  const schema = z.strictObject({ email: z.email(), n: z.number().optional() });

  test("answers the parsed value", () => {
    expect(validateBody(schema, { email: "a@example.com" })).toEqual({ email: "a@example.com" });
  });

  test("refuses unknown keys, wrong types and non-objects with 400 VALIDATION_ERROR naming the field", () => {
    expect(() => validateBody(schema, { email: "a@example.com", role: "admin" })).toThrow(/role/);
    expect(() => validateBody(schema, { email: 1 })).toThrow(/email/);
    for (const value of [undefined, null, [], "x", 1]) {
      expect(() => validateBody(schema, value)).toThrow(expect.objectContaining({ status: 400, code: "VALIDATION_ERROR" }));
    }
    // Worded as Better Auth words it: the field in brackets, and a non-object as object and record.
    expect(() => validateBody(schema, { email: 1 })).toThrow("[body.email] Invalid input: expected string, received number");
    expect(() => validateBody(schema, [])).toThrow(
      "[body] Invalid input: expected object, received array; [body] Invalid input: expected record, received array",
    );
  });

  test("an endpoint without a schema ignores the body", () => {
    expect(validateBody(undefined, { anything: true })).toBeUndefined();
  });
});
