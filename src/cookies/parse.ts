/** Counts the work a parse did, so tests can assert it grows linearly with the input. */
export interface WorkMeter {
  steps: number;
}

/**
 * Parses a `Cookie` header into a map. Never throws: pairs without "=" or with an empty name are
 * skipped, the first occurrence of a name wins (browsers send the most specific cookie first),
 * surrounding quotes are removed, and a malformed `%` escape leaves the value as it was.
 * A `Map` is used so names like `__proto__` are plain keys.
 *
 * The scanning is done by native `indexOf` calls rather than a loop per character, and no search
 * ever goes back over text an earlier one passed: the ";" that ends each pair is searched from the
 * pair's start, and the "=" search is remembered, so it runs again only once the pairs have moved
 * past the "=" it found (a header of pairs without "=" is scanned for it once, not once per pair).
 * Only whitespace at the ends of a name or value is looked at one character at a time.
 *
 * `meter`, when given, is charged one step per character a search passes over, trimmed off, copied
 * or decoded (for tests). That is at most three steps per character: every character is passed by
 * the ";" search; then a character before its pair's first "=" (or in a pair without one) may be
 * passed by the "=" search and trimmed or copied as part of the name, and a character after it
 * may be trimmed or copied as part of the value and then decoded. Neither kind gets a fourth step.
 */
export function parseCookies(header: string | null | undefined, meter?: WorkMeter): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  const length = header.length;
  let steps = 0;
  // The first "=" after where it was last searched from (`length` when there is none): searched for
  // again only once the pairs have moved past it, so no text is searched for "=" twice.
  let eq = -1;
  for (let start = 0, end = 0; start < length; start = end + 1) {
    end = header.indexOf(";", start);
    if (end === -1) end = length;
    steps += Math.min(end + 1, length) - start;
    if (eq < start) {
      eq = header.indexOf("=", start);
      if (eq === -1) eq = length;
      steps += Math.min(eq + 1, length) - start;
    }
    if (eq >= end) continue; // no "=" in this pair

    const nameFrom = trimStart(header, start, eq);
    const nameTo = trimEnd(header, nameFrom, eq);
    steps += eq - start; // each character of the name's span is trimmed off or copied
    if (nameFrom === nameTo) continue;
    const name = header.slice(nameFrom, nameTo);
    if (cookies.has(name)) continue;

    let valueFrom = trimStart(header, eq + 1, end);
    let valueTo = trimEnd(header, valueFrom, end);
    steps += valueFrom - (eq + 1) + (end - valueTo); // whitespace trimmed off
    // Trimmed first, then unquoted (a quoted value keeps the spaces inside its quotes).
    if (valueTo - valueFrom >= 2 && header.charCodeAt(valueFrom) === 34 /* " */ && header.charCodeAt(valueTo - 1) === 34) {
      valueFrom++;
      valueTo--;
    }
    // Copied, then decoded: `decode` is what looks for a "%", and returns a value without one as is.
    steps += 2 * (valueTo - valueFrom);
    cookies.set(name, decode(header.slice(valueFrom, valueTo)));
  }
  if (meter) meter.steps += steps;
  return cookies;
}

/** The first index in [from, to) whose character `trim` keeps, or `to`. */
function trimStart(text: string, from: number, to: number): number {
  while (from < to && isTrimmed(text.charCodeAt(from))) from++;
  return from;
}

/** One past the last index in [from, to) whose character `trim` keeps, or `from`. */
function trimEnd(text: string, from: number, to: number): number {
  while (to > from && isTrimmed(text.charCodeAt(to - 1))) to--;
  return to;
}

/** The characters `String.prototype.trim` removes: ECMAScript's WhiteSpace and LineTerminator. */
function isTrimmed(code: number): boolean {
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

/**
 * `decodeURIComponent`, or the value as it was when that throws. Escapes of ASCII characters (the
 * `%2B`, `%2F` and `%3D` of every signed cookie) are decoded here, at about a quarter of the
 * native call's cost on a session cookie; a value with any other escape goes to the native call.
 */
function decode(value: string): string {
  let out = "";
  let from = 0;
  for (let at = value.indexOf("%"); at !== -1; at = value.indexOf("%", from)) {
    const high = hexDigit(value.charCodeAt(at + 1));
    const low = hexDigit(value.charCodeAt(at + 2));
    if (high < 0 || high > 7 || low < 0) return decodeNatively(value);
    out += value.slice(from, at) + String.fromCharCode(high * 16 + low);
    from = at + 3;
  }
  return from === 0 ? value : out + value.slice(from);
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  const lower = code | 32;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1; // a-f, A-F
}

function decodeNatively(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
