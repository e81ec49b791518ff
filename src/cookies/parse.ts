/**
 * Parses a `Cookie` header into a map. Never throws: pairs without "=" or with an empty name are
 * skipped, the first occurrence of a name wins (browsers send the most specific cookie first),
 * surrounding quotes are removed, and a malformed `%` escape leaves the value as it was.
 * A `Map` is used so names like `__proto__` are plain keys.
 */
export function parseCookies(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    if (eq === -1) continue;
    const name = pair.slice(0, eq).trim();
    if (!name || cookies.has(name)) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    cookies.set(name, decode(value));
  }
  return cookies;
}

function decode(value: string): string {
  if (!value.includes("%")) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
