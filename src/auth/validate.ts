import type { ZodType } from "zod";
import { KerniaError } from "../errors.js";

/** Parses a body against its allowlist schema, or throws 400 `VALIDATION_ERROR` naming the fields. */
export function validateBody<Body>(schema: ZodType<Body> | undefined, value: unknown): Body {
  if (!schema) return undefined as Body;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const detail = result.error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
  throw new KerniaError(400, "VALIDATION_ERROR", `Invalid request body: ${detail}`);
}

/** JSON text to a value; an empty body is `undefined`. Malformed JSON is 400 `VALIDATION_ERROR`. */
export function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new KerniaError(400, "VALIDATION_ERROR", "Invalid request body: malformed JSON");
  }
}
