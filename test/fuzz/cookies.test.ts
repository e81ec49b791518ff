import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseCookies } from "../../src/cookies/parse.js";
import { createSigner } from "../../src/crypto/signer.js";
import { decodeList, encodeList } from "../../src/plugins/multi-session/list-cookie.js";
import { recordFigures } from "../support/figures.js";

/**
 * Issue 10, hostile input: generated Cookie headers (empty, only ";", duplicates, __Secure- and
 * __Host- spoofs, bad % escapes, quotes, lone surrogates, 16 KiB values, 1,000 pairs, __proto__)
 * through the cookie parser and the list-cookie decoder. Nothing throws; the parser never yields
 * more pairs than the header has separators, nor a value longer than the header.
 */
const HEADERS = Number(process.env.KERNIA_FUZZ_COOKIE_HEADERS ?? 100_000);
const LIST = "better-auth.session_list";

const name = fc.oneof(
  fc.constantFrom("better-auth.session_token", LIST, "__Secure-better-auth.session_token", "__Host-better-auth.session_token", "__proto__", "constructor", ""),
  fc.string({ maxLength: 12 }),
);
const smallValue = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.constantFrom("%", "%E0%A4%A", "%zz", "%41", '"', '""', '"quoted"', "\uD800", "\uDFFF", "v1~a~b.sig", "=", "a=b=c"),
);
const cookieValue = fc.oneof(
  { weight: 20, arbitrary: smallValue },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 16 }).map((k) => "A".repeat(k * 1024)) },
);
const pair = fc.tuple(name, cookieValue).map(([n, v]) => `${n}=${v}`);
const separator = fc.constantFrom(";", "; ", ";;");
const header = fc.oneof(
  { weight: 40, arbitrary: fc.tuple(fc.array(fc.oneof(pair, fc.constantFrom("", ";", " ", "=", "novalue")), { maxLength: 12 }), separator).map(([parts, sep]) => parts.join(sep)) },
  { weight: 2, arbitrary: fc.constantFrom("", ";", ";;;;", "=", "==", " ; ; ") },
  { weight: 1, arbitrary: fc.tuple(name, smallValue).map(([n, v]) => Array.from({ length: 1000 }, (_, i) => `${n}${i % 7}=${v}`).join("; ")) },
);

describe("the cookie parser and the list-cookie decoder under generated headers", () => {
  test(`${HEADERS} generated Cookie headers: no exception, bounded output`, () => {
    fc.assert(
      fc.property(header, (text) => {
        const cookies = parseCookies(text);
        // Plain checks: a property run this long cannot afford an expect() per pair.
        if (cookies.size > text.split(";").length) return false;
        for (const [key, value] of cookies) if (key.length === 0 || value.length > text.length) return false;
        return true;
      }),
      { numRuns: HEADERS },
    );
    recordFigures("generated Cookie headers through the parser", { cases: HEADERS });
  }, 120_000);

  test("the first of duplicate names wins, as browsers send the most specific cookie first", () => {
    const cookies = parseCookies(Array.from({ length: 1000 }, (_, i) => `dup=${i}`).join("; "));
    expect(cookies.get("dup")).toBe("0");
    expect(cookies.size).toBe(1);
  });

  test("generated list-cookie values never throw and never verify unless signed", async () => {
    const signer = createSigner(["s".repeat(32)]);
    const signed = await encodeList(signer, LIST, ["A".repeat(32), "B".repeat(32)]);
    await fc.assert(
      fc.asyncProperty(cookieValue, async (value) => {
        expect(await decodeList(signer, LIST, value)).toBeNull();
        // The real value with the generated text spliced in anywhere no longer verifies.
        const real = decodeURIComponent(signed);
        const at = value.length % (real.length + 1);
        const spliced = real.slice(0, at) + value + real.slice(at);
        if (value !== "") expect(await decodeList(signer, LIST, spliced)).toBeNull();
      }),
      { numRuns: 2_000 },
    );
    expect(await decodeList(signer, LIST, decodeURIComponent(signed))).toEqual({ tokens: ["A".repeat(32), "B".repeat(32)], stale: false });
  });
});
