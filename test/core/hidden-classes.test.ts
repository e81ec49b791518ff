import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, test } from "vitest";
import type { Answer, Incoming } from "../../src/auth/exchange.js";
import { withMaxAge } from "../../src/cookies/serialize.js";
import { toNodeHandler } from "../../src/node/index.js";

// Objects made once per request must share one hidden class (V8 "map"). In optimised code, Node
// 20's V8 gives every object made as `{ ...source, key }`, where `source` lacks `key`, a map of its
// own: writing the headers of each answer that way cost about 8 µs per get-session and left
// garbage that survived into the old generation (peak RSS +12 MiB; issue 12, bench/ANALYSIS.md).
// The flag stays on: V8 compiles the function lazily, and may compile it again later.
setFlagsFromString("--allow-natives-syntax");
const haveSameMap = runInNewContext("(a, b) => %HaveSameMap(a, b)") as (a: object, b: object) => boolean;

// Enough calls for V8 to optimise the code that makes the objects.
const WARM = 20_000;

describe("per-request objects share one hidden class once optimised", () => {
  test("the header objects kernia/node writes for each bodyless answer", async () => {
    const answer: Answer = { status: 200, headers: { "Content-Type": "application/json", "Cache-Control": "no-store" }, cookies: [], body: "null" };
    const written: OutgoingHttpHeaders[] = [];
    const handle = toNodeHandler({
      handler: () => Promise.reject(new Error("a GET must not build a Request")),
      $handle: (_incoming: Incoming) => Promise.resolve(answer),
    });
    const req = { method: "GET", url: "/api/auth/get-session", headers: { host: "localhost:3000" }, socket: { remoteAddress: "127.0.0.1" } } as unknown as IncomingMessage;
    const res = {
      headersSent: false,
      writeHead(_status: number, headers: OutgoingHttpHeaders) {
        written.push(headers);
      },
      end() {},
    } as unknown as ServerResponse;
    for (let i = 0; i < WARM; i++) {
      await handle(req, res);
      if (written.length > 2) written.shift();
    }
    const [first, second] = written as [OutgoingHttpHeaders, OutgoingHttpHeaders];
    expect(second).toEqual({ "Content-Type": "application/json", "Cache-Control": "no-store", "Content-Length": 4 });
    expect(first).not.toBe(second);
    expect(haveSameMap(first, second)).toBe(true);
  });

  test("cookie attributes with a Max-Age", () => {
    const attributes = { path: "/", httpOnly: true, sameSite: "lax" as const, secure: false };
    let last = withMaxAge(attributes, 0);
    let previous = last;
    for (let i = 0; i < WARM; i++) {
      previous = last;
      last = withMaxAge(attributes, i);
    }
    expect(last).toEqual({ ...attributes, maxAge: WARM - 1 });
    expect(attributes).not.toHaveProperty("maxAge");
    expect(haveSameMap(previous, last)).toBe(true);
  });
});
