import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseCookies, type WorkMeter } from "../../src/cookies/parse.js";
import { createSigner } from "../../src/crypto/signer.js";
import { decodeList, encodeList } from "../../src/plugins/multi-session/list-cookie.js";
import { recordFigures } from "../support/figures.js";

/**
 * Issue 10, hostile input: generated Cookie headers (empty, only ";", duplicates, __Secure- and
 * __Host- spoofs, bad % escapes, quotes, lone surrogates, 16 KiB values, 1,000 pairs, __proto__)
 * through the cookie parser and the list-cookie decoder, plus adversarial shapes (runs of "=", "%",
 * ";", spaces and quotes up to 64 KiB). Nothing throws; the parser answers what the split-based
 * parser it replaced answered, and its work meter stays within three steps per character of the
 * header (time linear in size, counted rather than clocked). The list-cookie decoder is linear by
 * construction (one lastIndexOf, an anchored fixed-length signature check, one HMAC per secret,
 * one split, an anchored bounded check per token) and gets its values from this parser.
 */
const HEADERS = Number(process.env.KERNIA_FUZZ_COOKIE_HEADERS ?? Math.max(100_000, Number(process.env.KERNIA_FUZZ_RUNS ?? 0)));
/** Steps per header character the parser may take: one visit, one copy, one decode. */
const STEPS_PER_CHARACTER = 3;

/** The parser before the single-pass scanner (split, indexOf, trim): the oracle for its answers. */
function splitParser(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    if (eq === -1) continue;
    const key = pair.slice(0, eq).trim();
    if (!key || cookies.has(key)) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (value.includes("%")) {
      try {
        value = decodeURIComponent(value);
      } catch {
        // kept as it was
      }
    }
    cookies.set(key, value);
  }
  return cookies;
}

function sameEntries(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  const left = [...a];
  const right = [...b];
  return left.every(([k, v], i) => right[i]?.[0] === k && right[i]?.[1] === v);
}
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
const runs = fc
  .array(fc.tuple(fc.constantFrom("=", "%", ";", " ", "\t", '"', "%4", "%41", "a", "\u00a0", "\uFEFF"), fc.integer({ min: 1, max: 8_192 })), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.map(([chunk, times]) => chunk.repeat(times)).join(""));
const header = fc.oneof(
  { weight: 4, arbitrary: runs },
  { weight: 40, arbitrary: fc.tuple(fc.array(fc.oneof(pair, fc.constantFrom("", ";", " ", "=", "novalue")), { maxLength: 12 }), separator).map(([parts, sep]) => parts.join(sep)) },
  { weight: 2, arbitrary: fc.constantFrom("", ";", ";;;;", "=", "==", " ; ; ") },
  { weight: 1, arbitrary: fc.tuple(name, smallValue).map(([n, v]) => Array.from({ length: 1000 }, (_, i) => `${n}${i % 7}=${v}`).join("; ")) },
);

describe("the cookie parser and the list-cookie decoder under generated headers", () => {
  test(`${HEADERS} generated Cookie headers: no exception, the old parser's answers, at most ${STEPS_PER_CHARACTER} steps per character`, () => {
    let characters = 0;
    let steps = 0;
    let worst = 0;
    fc.assert(
      fc.property(header, (text) => {
        const meter: WorkMeter = { steps: 0 };
        const cookies = parseCookies(text, meter);
        characters += text.length;
        steps += meter.steps;
        if (text.length > 0) worst = Math.max(worst, meter.steps / text.length);
        // Plain checks: a property run this long cannot afford an expect() per pair.
        if (meter.steps > STEPS_PER_CHARACTER * text.length) return false;
        if (cookies.size > text.split(";").length) return false;
        for (const [key, value] of cookies) if (key.length === 0 || value.length > text.length) return false;
        return sameEntries(cookies, splitParser(text));
      }),
      { numRuns: HEADERS },
    );
    recordFigures("generated Cookie headers through the parser", {
      cases: HEADERS,
      characters,
      stepsPerCharacter: Number((steps / characters).toFixed(2)),
      worstStepsPerCharacter: Number(worst.toFixed(2)),
      bound: STEPS_PER_CHARACTER,
    });
  }, 300_000);

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
