/**
 * `JSON.stringify` for answers, with the same output, faster on the answers Kernia sends.
 *
 * V8 serialises plain objects of strings, numbers, booleans and `null` on a fast path, but leaves it
 * for the whole value as soon as it meets an object with `toJSON`, and every `Date` has one. A
 * session and its user hold five dates, so get-session spent about 4.5 µs in `JSON.stringify`
 * against about 1 µs for the same answer with the dates already written as text, and a list of five
 * accounts about 25 µs against 7 (issue 12). So the answer is first copied with each `Date` as its
 * ISO text, and only plain objects and arrays are copied: anything else (a class instance, a boxed
 * primitive, an object with its own `toJSON`) is left for `JSON.stringify` to handle as it always does.
 *
 * The ISO text of a date is kept by its time value: sessions are read again on every page load, and
 * `toISOString` costs about a third of a microsecond.
 */
export function stringifyAnswer(value: unknown): string {
  if (value !== null && typeof value === "object") {
    const known = settledTexts.get(value);
    if (known !== undefined) return known;
  }
  return JSON.stringify(withDatesAsText(value, 0));
}

/** The answer text of each {@link settle}d value. */
const settledTexts = new WeakMap<object, string>();

/**
 * Freezes `value` and the plain objects and arrays in it, and keeps its answer text, so that
 * answering it again costs a look-up instead of a copy and a `JSON.stringify` (about 1.8 µs of a
 * cached get-session's 6; issue 12). For values shared by many requests, such as the sessions in
 * `sessionCache`: frozen, they cannot drift from the kept text, and code that tried to change a
 * session every request shares fails loudly instead of changing it for all of them. Dates are
 * not frozen by `Object.freeze`; nothing in Kernia changes one in place.
 */
export function settle<T extends object>(value: T): T {
  deepFreeze(value, 0);
  settledTexts.set(value, JSON.stringify(withDatesAsText(value, 0)));
  return value;
}

function deepFreeze(value: object, depth: number): void {
  if (depth > MAX_DEPTH || Object.isFrozen(value)) return;
  const proto: unknown = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return;
  Object.freeze(value);
  for (const item of Object.values(value)) if (item !== null && typeof item === "object") deepFreeze(item as object, depth + 1);
}

// Deeper than any answer; past it the value is left to JSON.stringify (which reports a cycle).
const MAX_DEPTH = 32;

function withDatesAsText(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = withDatesAsText(value[i], depth + 1);
    return copy;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Date.prototype) return dateText(value as Date);
  if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === "function") return value;
  const copy: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item = withDatesAsText((value as Record<string, unknown>)[key], depth + 1);
    // An own `__proto__` key (from JSON.parse) must stay a key, not set the copy's prototype.
    if (key === "__proto__") Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy;
}

const texts = new Map<number, string>();
const TEXTS_KEPT = 4096;

/** What `JSON.stringify` writes for a date: its ISO text, or `null` when it is invalid. */
function dateText(date: Date): string | null {
  const time = date.getTime();
  let text = texts.get(time);
  if (text === undefined) {
    if (Number.isNaN(time)) return null;
    text = date.toISOString();
    if (texts.size >= TEXTS_KEPT) texts.clear();
    texts.set(time, text);
  }
  return text;
}
