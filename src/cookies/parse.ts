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
 * One forward pass over the header: each character is visited once, and the trimmed bounds of the
 * name and value are noted on the way, so no input shape (many `=`, `;`, `%`, spaces or quotes)
 * makes it rescan. Each kept pair is then copied out and, when it holds a `%`, decoded once: at
 * most three steps per character in all. `meter`, when given, is charged one step per character
 * visited, copied or decoded (for tests).
 */
export function parseCookies(header: string | null | undefined, meter?: WorkMeter): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  const length = header.length;
  let steps = 0;
  let start = 0;
  while (start <= length) {
    // Bounds of the pair [start, end): the first "=", and the first and last non-space characters
    // of the name (before "=") and of the value (after it). -1 means "none seen yet".
    let eq = -1;
    let nameFrom = -1;
    let nameTo = -1;
    let valueFrom = -1;
    let valueTo = -1;
    let percent = false;
    let end = start;
    for (; end < length; end++) {
      steps++;
      const code = header.charCodeAt(end);
      if (code === 59 /* ; */) break;
      if (eq === -1 && code === 61 /* = */) {
        eq = end;
        continue;
      }
      if (isTrimmed(code)) continue;
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
      steps += nameTo - nameFrom;
      const name = header.slice(nameFrom, nameTo);
      if (!cookies.has(name)) {
        let value = valueFrom === -1 ? "" : header.slice(valueFrom, valueTo);
        steps += value.length;
        if (value.length >= 2 && value.charCodeAt(0) === 34 /* " */ && value.charCodeAt(value.length - 1) === 34) value = value.slice(1, -1);
        if (percent) {
          steps += value.length;
          value = decode(value);
        }
        cookies.set(name, value);
      }
    }
    start = end + 1;
  }
  if (meter) meter.steps += steps;
  return cookies;
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
