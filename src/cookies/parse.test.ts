import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseCookies, type WorkMeter } from "./parse.js";

const entries = (header: string | null | undefined) => [...parseCookies(header)];

describe("parseCookies", () => {
  test("parses name=value pairs, trimming whitespace around them", () => {
    expect(entries("a=1; b=2;c=3 ;  d = 4 ")).toEqual([
      ["a", "1"],
      ["b", "2"],
      ["c", "3"],
      ["d", "4"],
    ]);
  });

  test("an absent or empty header is an empty map", () => {
    expect(entries(null)).toEqual([]);
    expect(entries(undefined)).toEqual([]);
    expect(entries("")).toEqual([]);
    expect(entries(";;; ;")).toEqual([]);
  });

  test("the first of duplicate names wins (the browser sends the most specific cookie first)", () => {
    expect(parseCookies("session=first; session=second").get("session")).toBe("first");
  });

  test("pairs without '=' and pairs with an empty name are skipped", () => {
    expect(entries("flag; =orphan; a=1; =; b")).toEqual([["a", "1"]]);
  });

  test("empty values are kept as empty strings", () => {
    expect(entries("a=; b=2")).toEqual([
      ["a", ""],
      ["b", "2"],
    ]);
  });

  test("only the first '=' splits: values may contain '=' (base64 padding)", () => {
    expect(parseCookies("t=abc.def==").get("t")).toBe("abc.def==");
  });

  test("percent escapes are decoded, as Better Auth's signed values are URI-encoded", () => {
    expect(parseCookies("t=abc.x%2By%2Fz%3D").get("t")).toBe("abc.x+y/z=");
    expect(parseCookies("u=%C3%A9t%C3%A9").get("u")).toBe("été");
  });

  test("a malformed % escape never throws and leaves the value as it was", () => {
    for (const raw of ["%zz", "%", "100%", "%E0%A4%A", "%C3", "a%2", "%uD800"]) {
      expect(() => parseCookies(`v=${raw}`)).not.toThrow();
      expect(parseCookies(`v=${raw}`).get("v")).toBe(raw);
    }
  });

  test("surrounding double quotes are removed; a lone quote is kept", () => {
    expect(parseCookies('a="quoted"; b="; c=""').get("a")).toBe("quoted");
    expect(parseCookies('a="quoted"; b="; c=""').get("b")).toBe('"');
    expect(parseCookies('a="quoted"; b="; c=""').get("c")).toBe("");
  });

  test("a 16 KiB value is parsed whole", () => {
    const big = "x".repeat(16 * 1024);
    expect(parseCookies(`a=1; big=${big}; b=2`).get("big")).toBe(big);
    expect(parseCookies(`a=1; big=${big}; b=2`).get("b")).toBe("2");
  });

  test("__proto__, constructor and prototype are plain names: no prototype pollution", () => {
    const cookies = parseCookies("__proto__=polluted; constructor=c; prototype=p; hasOwnProperty=h");
    expect(cookies.get("__proto__")).toBe("polluted");
    expect(cookies.get("constructor")).toBe("c");
    expect(cookies.get("hasOwnProperty")).toBe("h");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
    expect(cookies instanceof Map).toBe(true);
  });

  test("control characters, unicode and binary-looking input never throw", () => {
    for (const header of ["a=\u0000\u0001; b=\u007f", "ü=ö", "\ud800=\udfff", "a=b=c=d", ";=;=;", "a\tb=c", "=".repeat(1000), "%".repeat(1000)]) {
      expect(() => parseCookies(header)).not.toThrow();
    }
  });

  test("names are case-sensitive", () => {
    const cookies = parseCookies("Session=a; session=b");
    expect(cookies.get("Session")).toBe("a");
    expect(cookies.get("session")).toBe("b");
  });

  test("trims exactly the characters String.prototype.trim removes, for every UTF-16 code unit", () => {
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      if (c === ";" || c === "=" || c === '"') continue; // separators, and quotes (removed in pairs)
      const expected = `${c}n${c}`.trim();
      const cookies = parseCookies(`${c}n${c}=${c}v${c}`);
      if (cookies.get(expected) !== `${c}v${c}`.trim()) expect.fail(`code unit ${code.toString(16)} trimmed differently`);
    }
  });
});

/**
 * Steps per header character parseCookies may be charged. Every character is passed once by the
 * search for ";". A character before its pair's first "=" may also be passed by the "=" search
 * (which never goes back over text) and be trimmed off or copied as part of the name; a character
 * after it may be trimmed off or copied as part of the value, and then decoded (that is, searched
 * for "%" by `decode`). No character gets more than three.
 */
const STEPS_PER_CHARACTER = 3;

describe("parseCookies does work linear in the header's length", () => {
  const ADVERSARIAL = {
    "many '='": "a" + "=".repeat(65_536),
    "many '%'": "a=" + "%".repeat(65_536),
    "many valid escapes": "a=" + "%41".repeat(20_000),
    "only ';'": ";".repeat(65_536),
    "runs of spaces": ` ${" ".repeat(30_000)}a${" ".repeat(30_000)}=${" ".repeat(30_000)}b `,
    "quotes": '"'.repeat(65_536) + "=" + '"'.repeat(65_536),
    "1,000 pairs": Array.from({ length: 1000 }, (_, i) => `n${i}=v${i}`).join("; "),
    "1,000 duplicates": Array.from({ length: 1000 }, () => "dup=%41%42").join(";"),
    "16,000 one-character pairs": "a=;".repeat(16_000),
    // Searching for "=" again from each pair's start would rescan the rest of these every time.
    "13,000 pairs without '=', then one with": "flag;".repeat(13_000) + "a=1",
    "16,000 pairs with only spaces before '='": " ; ".repeat(16_000) + "=",
    // As would looking for "%" from each value up to the end of the header.
    "1,000 pairs, a '%' only in the last": Array.from({ length: 1000 }, (_, i) => `n${i}=v${i}`).join("; ") + "; z=%41",
  };

  test.each(Object.entries(ADVERSARIAL))("%s: at most three steps per character", (_, header) => {
    const meter: WorkMeter = { steps: 0 };
    parseCookies(header, meter);
    expect(meter.steps).toBeGreaterThanOrEqual(header.length); // every character is looked at
    expect(meter.steps).toBeLessThanOrEqual(STEPS_PER_CHARACTER * header.length);
  });

  test("the bound catches a quadratic parser: one that copies the rest of the header for each pair exceeds it", () => {
    // A plausible slow parser (`rest = rest.slice(i + 1)` per pair), charged as parseCookies is:
    // one step per character visited or copied.
    const quadratic = (header: string, meter: WorkMeter) => {
      let rest = header;
      for (;;) {
        const end = rest.indexOf(";");
        meter.steps += end === -1 ? rest.length : end + 1;
        if (end === -1) return;
        rest = rest.slice(end + 1);
        meter.steps += rest.length;
      }
    };
    const header = ADVERSARIAL["1,000 pairs"];
    const slow: WorkMeter = { steps: 0 };
    quadratic(header, slow);
    expect(slow.steps).toBeGreaterThan(STEPS_PER_CHARACTER * header.length);
    const linear: WorkMeter = { steps: 0 };
    parseCookies(header, linear);
    expect(linear.steps).toBeLessThanOrEqual(STEPS_PER_CHARACTER * header.length);
  });

  test("the bound catches a forgotten '=': searching for it afresh from each pair's start exceeds it", () => {
    // parseCookies' own ";" and "=" searches with the remembered "=" left out, charged the same way.
    const forgetful = (header: string, meter: WorkMeter) => {
      for (let start = 0, end = 0; start < header.length; start = end + 1) {
        end = header.indexOf(";", start);
        if (end === -1) end = header.length;
        meter.steps += Math.min(end + 1, header.length) - start;
        const eq = header.indexOf("=", start);
        meter.steps += (eq === -1 ? header.length : eq + 1) - start;
      }
    };
    for (const shape of ["13,000 pairs without '=', then one with", "16,000 pairs with only spaces before '='"] as const) {
      const header = ADVERSARIAL[shape];
      const slow: WorkMeter = { steps: 0 };
      forgetful(header, slow);
      expect(slow.steps).toBeGreaterThan(STEPS_PER_CHARACTER * header.length);
      const linear: WorkMeter = { steps: 0 };
      parseCookies(header, linear);
      expect(linear.steps).toBeLessThanOrEqual(STEPS_PER_CHARACTER * header.length);
    }
  });
});

/**
 * The parser before indexOf scanning (one loop over every character), kept as the oracle for the
 * current one's answers. Its decoding is the native call it stood for (`decode` in parse.ts is a
 * faster path to the same answer), so the comparison checks that fast path too.
 */
function referenceParse(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  const length = header.length;
  let start = 0;
  while (start <= length) {
    let eq = -1;
    let nameFrom = -1;
    let nameTo = -1;
    let valueFrom = -1;
    let valueTo = -1;
    let percent = false;
    let end = start;
    for (; end < length; end++) {
      const code = header.charCodeAt(end);
      if (code === 59 /* ; */) break;
      if (eq === -1 && code === 61 /* = */) {
        eq = end;
        continue;
      }
      if (referenceIsTrimmed(code)) continue;
      if (eq === -1) {
        if (nameFrom === -1) nameFrom = end;
        nameTo = end + 1;
      } else {
        if (valueFrom === -1) valueFrom = end;
        valueTo = end + 1;
        if (code === 37 /* % */) percent = true;
      }
    }
    if (eq !== -1 && nameFrom !== -1) {
      const name = header.slice(nameFrom, nameTo);
      if (!cookies.has(name)) {
        let value = valueFrom === -1 ? "" : header.slice(valueFrom, valueTo);
        if (value.length >= 2 && value.charCodeAt(0) === 34 /* " */ && value.charCodeAt(value.length - 1) === 34) value = value.slice(1, -1);
        if (percent) {
          try {
            value = decodeURIComponent(value);
          } catch {
            // a malformed escape: kept as it was
          }
        }
        cookies.set(name, value);
      }
    }
    start = end + 1;
  }
  return cookies;
}

function referenceIsTrimmed(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 160 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

describe("parseCookies answers what the character-by-character parser answered", () => {
  // Separators, quotes, every kind of whitespace near them, escapes whole, cut short and invalid,
  // and names that are Object.prototype's.
  const piece = fc.constantFrom(
    ";", "; ", "=", "==", "%", '"', '""', " ", "\t", "\n", "\u00a0", "\ufeff", "\u2028", "\u3000",
    "0", "7", "9", "a", "F", "x", "%4", "%41", "%2B", "%2F", "%3D", "%7", "%C3", "%A9", "%C3%A9", "%E0%A4%A", "%zz", "%uD800",
    "\ud800", "\udfff", "é", "n", "v", "__proto__", "constructor",
  );
  const header = fc.oneof(
    { weight: 9, arbitrary: fc.array(piece, { maxLength: 24 }).map((pieces) => pieces.join("")) },
    // Runs of a piece, as in the adversarial shapes above, for the step bound on longer headers.
    { weight: 1, arbitrary: fc.array(fc.tuple(piece, fc.integer({ min: 1, max: 300 })), { maxLength: 8 }).map((runs) => runs.map(([p, n]) => p.repeat(n)).join("")) },
  );
  const HEADERS = 150_000;

  test(`${HEADERS} generated headers: the same entries in the same order, within the step bound`, () => {
    const same = (a: Map<string, string>, b: Map<string, string>) => {
      if (a.size !== b.size) return false;
      const right = [...b];
      return [...a].every(([k, v], i) => right[i]?.[0] === k && right[i]?.[1] === v);
    };
    fc.assert(
      fc.property(header, (text) => {
        const meter: WorkMeter = { steps: 0 };
        // Plain checks: a run this long cannot afford an expect() per case.
        return same(parseCookies(text, meter), referenceParse(text)) && meter.steps >= text.length && meter.steps <= STEPS_PER_CHARACTER * text.length;
      }),
      { numRuns: HEADERS },
    );
  }, 120_000);
});
