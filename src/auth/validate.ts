import type { ZodType } from "zod";
import { KerniaError } from "../errors.js";

/** Parses a body against its allowlist schema, or throws 400 `VALIDATION_ERROR` naming the fields. */
export function validateBody<Body>(schema: ZodType<Body> | undefined, value: unknown): Body {
  if (!schema) return undefined as Body;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // Worded as Better Auth words them (`[body.email] Invalid input: …`), since clients show them.
  const issues = result.error.issues.slice(0, 20).map((issue) => `[${["body", ...issue.path.map(String)].join(".")}] ${issue.message}`);
  // A body that is no object at all: Better Auth reports it twice, as an object and as a record.
  const [first] = issues;
  if (issues.length === 1 && first?.startsWith("[body] Invalid input: expected object")) issues.push(first.replace("expected object", "expected record"));
  const detail = issues.join("; ");
  throw new KerniaError(400, "VALIDATION_ERROR", detail);
}

/**
 * A request body to a value: a plain HTML form's `application/x-www-form-urlencoded` fields become
 * an object of strings (as Better Auth reads them), anything else is read as JSON. The schema then
 * decides, so a form cannot carry a key or a type that JSON could not.
 */
export function parseBody(text: string, contentType: string | null): unknown {
  if (contentType?.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    return text.trim() === "" ? undefined : Object.fromEntries(new URLSearchParams(text));
  }
  return parseJson(text);
}

/** JSON text to a value; an empty body is `undefined`. Malformed JSON is 400 `BAD_REQUEST`, as in Better Auth. */
export function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new KerniaError(400, "BAD_REQUEST", "Invalid JSON in request body");
  }
}
