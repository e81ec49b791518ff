import { existsSync, readdirSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, relative, sep } from "node:path";

/** The client's pages; every one is the same HTML shell, and the bundle picks the page. */
export const PAGES: ReadonlySet<string> = new Set(["/", "/sign-in", "/sign-up", "/settings"]);

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".woff2": "font/woff2",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * The bundle is ours and has no inline script, so scripts come from this origin only. Radix
 * adds a <style> element while a menu is open, hence 'unsafe-inline' for styles alone.
 */
const SECURITY_HEADERS = {
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
};

interface StaticFile {
  body: Buffer;
  type: string;
}

function readTree(root: string, dir = root, files = new Map<string, StaticFile>()): Map<string, StaticFile> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) readTree(root, path, files);
    else {
      const url = `/${relative(root, path).split(sep).join("/")}`;
      files.set(url, { body: readFileSync(path), type: TYPES[extname(path)] ?? "application/octet-stream" });
    }
  }
  return files;
}

/**
 * Serves the client that `npm run build` wrote to `publicDir`: read into memory once at
 * start, so nothing is built, read from disk or resolved per request. Known pages get the HTML
 * shell; any other path gets it with 404, and the client shows "Page not found".
 *
 * @example
 * const serveStatic = createStaticHandler(fileURLToPath(new URL("./public/", import.meta.url)));
 * createServer((req, res) => serveStatic(req, res));
 */
export function createStaticHandler(publicDir: string) {
  if (!existsSync(join(publicDir, "index.html"))) {
    throw new Error(`the demo client is not built (${publicDir} has no index.html): run \`npm run build\``);
  }
  const files = readTree(publicDir);
  const shell = files.get("/index.html") as StaticFile;

  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" });
      res.end("Method not allowed");
      return;
    }
    const pathname = new URL(req.url ?? "/", "http://demo.invalid").pathname;
    const asset = pathname.startsWith("/assets/") ? files.get(pathname) : undefined;
    if (pathname.startsWith("/assets/") && !asset) {
      res.writeHead(404, { ...SECURITY_HEADERS, "Content-Type": "text/plain; charset=utf-8" });
      res.end("Not found");
      return;
    }
    const file = asset ?? shell;
    const status = asset || PAGES.has(pathname) ? 200 : 404;
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      "Content-Type": file.type,
      "Content-Length": String(file.body.length),
      // Asset names carry a content hash, so they never change; the shell always revalidates.
      "Cache-Control": asset ? "public, max-age=31536000, immutable" : "no-cache",
    });
    res.end(req.method === "HEAD" ? undefined : file.body);
  };
}
