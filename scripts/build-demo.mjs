// The build step after `tsc`: copies the React stylesheet next to the compiled components, and
// bundles the demo's client (demo/client, React and Kernia's client and UI from src/) into
// dist/demo/public, which `node dist/demo/server.js` serves as is.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { build } from "esbuild";

mkdirSync("dist/src/react", { recursive: true });
copyFileSync("src/react/styles.css", "dist/src/react/styles.css");

const publicDir = "dist/demo/public";
rmSync(publicDir, { recursive: true, force: true });

const result = await build({
  entryPoints: { app: "demo/client/main.tsx" },
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["es2022", "chrome111", "firefox115", "safari16"],
  outdir: `${publicDir}/assets`,
  // Content-hashed names, so the server can let browsers cache assets forever.
  entryNames: "[name]-[hash]",
  assetNames: "[name]-[hash]",
  loader: { ".woff2": "file", ".woff": "file" },
  jsx: "automatic",
  minify: true,
  sourcemap: "linked",
  legalComments: "linked",
  define: { "process.env.NODE_ENV": '"production"' },
  metafile: true,
  logLevel: "warning",
});

/** The output of the `app` entry with extension `ext`, as a URL path. */
function output(ext) {
  const file = Object.keys(result.metafile.outputs).find(
    (path) => basename(path).startsWith("app-") && path.endsWith(ext),
  );
  if (!file) throw new Error(`build-demo: esbuild wrote no app${ext}`);
  return `/assets/${basename(file)}`;
}

const html = readFileSync("demo/client/index.html", "utf8")
  .replaceAll("%APP_JS%", output(".js"))
  .replaceAll("%APP_CSS%", output(".css"));
writeFileSync(`${publicDir}/index.html`, html);
console.log(`build-demo: ${publicDir} (${output(".js")}, ${output(".css")})`);
