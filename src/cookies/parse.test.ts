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
  };

  test.each(Object.entries(ADVERSARIAL))("%s: at most three steps per character", (_, header) => {
    const meter: WorkMeter = { steps: 0 };
    parseCookies(header, meter);
    expect(meter.steps).toBeGreaterThanOrEqual(header.length); // every character is looked at
    expect(meter.steps).toBeLessThanOrEqual(3 * header.length);
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
    expect(slow.steps).toBeGreaterThan(3 * header.length);
    const linear: WorkMeter = { steps: 0 };
    parseCookies(header, linear);
    expect(linear.steps).toBeLessThanOrEqual(3 * header.length);
  });
});
