import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { settle, stringifyAnswer } from "./wire-json.js";

class Point {
  constructor(
    public x: number,
    public y: Date,
  ) {}
}

describe("stringifyAnswer writes what JSON.stringify writes", () => {
  test("a session and its user, dates included", () => {
    const at = new Date("2026-12-04T01:35:24.846Z");
    const entry = {
      session: { id: "s", token: "t", userId: "u", expiresAt: at, createdAt: at, updatedAt: new Date(0), ipAddress: null, userAgent: undefined },
      user: { id: "u", name: "Ada", email: "ada@example.com", emailVerified: false, image: null, createdAt: at, updatedAt: at },
    };
    expect(stringifyAnswer(entry)).toBe(JSON.stringify(entry));
    expect(stringifyAnswer([entry, entry])).toBe(JSON.stringify([entry, entry]));
  });

  test("edge values: invalid dates, toJSON, class instances, boxed primitives, holes, null prototypes", () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.at = new Date(5);
    const values: unknown[] = [
      new Date(Number.NaN),
      { at: new Date(Number.NaN) },
      { toJSON: () => ({ at: new Date(1) }) },
      new Point(1, new Date(2)),
      [new String("s"), new Number(2), new Boolean(false)],
      // eslint-disable-next-line no-sparse-arrays
      [1, , 3],
      bare,
      { f: () => 1, u: undefined, s: Symbol("x"), n: -0, i: Number.POSITIVE_INFINITY },
      new Map([["a", 1]]),
      JSON.parse('{"__proto__":{"at":"x"},"b":1}') as unknown,
      { nested: JSON.parse('{"__proto__":[1,2]}') as unknown, at: new Date(7) },
      "text",
      null,
      undefined,
    ];
    for (const value of values) expect(stringifyAnswer(value)).toBe(JSON.stringify(value));
  });

  test("a date read twice is written the same, and a changed date is written anew (the text is kept by time value)", () => {
    const date = new Date("2026-01-01T00:00:00.000Z");
    expect(stringifyAnswer({ date })).toBe('{"date":"2026-01-01T00:00:00.000Z"}');
    date.setUTCFullYear(2027);
    expect(stringifyAnswer({ date })).toBe('{"date":"2027-01-01T00:00:00.000Z"}');
    for (let i = 0; i < 5000; i++) stringifyAnswer(new Date(i * 1000)); // past the kept texts
    expect(stringifyAnswer({ date })).toBe('{"date":"2027-01-01T00:00:00.000Z"}');
  });

  test("generated values: the same text as JSON.stringify", () => {
    const leaf = fc.oneof(
      fc.string(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.date(),
      fc.date().map((d) => new Date(d.getTime())),
      fc.constant(new Date(Number.NaN)),
    );
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("node")), fc.dictionary(fc.string(), tie("node"))),
    })).node;
    fc.assert(
      fc.property(tree, (value) => stringifyAnswer(value) === JSON.stringify(value)),
      { numRuns: 2000 },
    );
  });

  test("a cycle is still refused with TypeError, as JSON.stringify refuses it", () => {
    const cyclic: Record<string, unknown> = { at: new Date(0) };
    cyclic.self = cyclic;
    expect(() => stringifyAnswer(cyclic)).toThrow(TypeError);
  });
});

describe("settle: a value shared by many requests keeps its answer text", () => {
  const entry = () => {
    const at = new Date("2026-12-04T01:35:24.846Z");
    return {
      session: { id: "s", token: "t", userId: "u", expiresAt: at, createdAt: at, updatedAt: at, ipAddress: null, userAgent: "ua" },
      user: { id: "u", name: "Ada", email: "ada@example.com", emailVerified: false, image: null, createdAt: at, updatedAt: at, tags: ["a"] },
    };
  };

  test("is answered with the same text as the value before it was settled", () => {
    const settled = settle(entry());
    expect(stringifyAnswer(settled)).toBe(JSON.stringify(entry()));
    expect(stringifyAnswer(settled)).toBe(stringifyAnswer(entry()));
    // Inside another answer (a list), it is written afresh, the same way.
    expect(stringifyAnswer([settled])).toBe(JSON.stringify([entry()]));
  });

  test("changing a settled session in place throws and changes nothing (the answer text cannot drift)", () => {
    const settled = settle(entry());
    const before = stringifyAnswer(settled);
    expect(() => {
      (settled.session as { expiresAt: Date }).expiresAt = new Date(0);
    }).toThrow(TypeError);
    expect(() => {
      (settled.user as { name: string }).name = "Mallory";
    }).toThrow(TypeError);
    expect(() => settled.user.tags.push("b")).toThrow(TypeError);
    expect(stringifyAnswer(settled)).toBe(before);
    expect(settled.user.name).toBe("Ada");
  });

  test("class instances inside are left unfrozen, as they are left to JSON.stringify", () => {
    const point = new Point(1, new Date(2));
    const settled = settle({ point });
    expect(Object.isFrozen(settled)).toBe(true);
    expect(Object.isFrozen(point)).toBe(false);
    expect(stringifyAnswer(settled)).toBe(JSON.stringify({ point }));
  });
});
