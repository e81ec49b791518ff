import { describe, expect, test } from "vitest";
import { KerniaError } from "../errors.js";
import { MAX_BODY_BYTES, readBody } from "./body.js";

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://localhost/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("readBody", () => {
  test("reads a body as UTF-8 text, multi-byte characters split across chunks included", async () => {
    const bytes = new TextEncoder().encode('{"name":"Grüße ✓"}');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    expect(await readBody(post(stream))).toBe('{"name":"Grüße ✓"}');
  });

  test("no body is the empty string", async () => {
    expect(await readBody(post(null))).toBe("");
  });

  test("exactly the limit is read; one byte more is 413 PAYLOAD_TOO_LARGE", async () => {
    expect(await readBody(post("a".repeat(100)), 100)).toHaveLength(100);
    await expect(readBody(post("a".repeat(101)), 100)).rejects.toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
  });

  test("a declared Content-Length over the limit is refused before reading", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(10));
      },
    });
    const error = await readBody(post(stream, { "content-length": String(MAX_BODY_BYTES + 1) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KerniaError);
    expect(pulled).toBeLessThanOrEqual(1); // a stream may pre-pull once on construction
  });

  test("an endless stream (a lying or missing Content-Length) is cut off just past the limit and cancelled", async () => {
    let pulled = 0;
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1024;
        controller.enqueue(new Uint8Array(1024));
      },
      cancel() {
        cancelled = true;
      },
    });
    await expect(readBody(post(stream, { "content-length": "5" }), 64 * 1024)).rejects.toMatchObject({ status: 413 });
    expect(pulled).toBeLessThan(64 * 1024 + 4 * 1024);
    expect(cancelled).toBe(true);
  });
});
