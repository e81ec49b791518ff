// Turns a V8 .cpuprofile into (1) a flame graph, an SVG in an HTML page whose box widths are CPU
// time, screenshotted with Chromium to a PNG, and (2) the top self-time functions grouped as
// framework / crypto / SQL-driver / JSON / other, in Markdown.
// Usage: node bench/flame.mjs <profile.cpuprofile> [bundle.mjs] [--png=bench/flame.png] [--md=bench/PROFILE.md]
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const GROUPS = ["framework (Request/Headers/URL/Response/streams)", "crypto", "SQL/driver", "JSON", "node:http, net and socket streams (bare pays them too)", "GC and VM", "other"];
const COLORS = ["#e4572e", "#17becf", "#4c9f38", "#f2a541", "#9b8ec4", "#9e9e9e", "#c9b18b"];

/**
 * Source module of each line of an esbuild bundle, from the `// src/…` (or `// node_modules/…`)
 * comments esbuild writes at the start of every module it inlines.
 */
export function moduleLines(bundleText) {
  const starts = [];
  bundleText.split("\n").forEach((line, i) => {
    const match = /^\/\/ ((?:src|bench|node_modules)\/\S+)$/.exec(line);
    if (match) starts.push([i, match[1]]);
  });
  return (line) => {
    let found = null;
    for (const [start, name] of starts) {
      if (start > line) break;
      found = name;
    }
    return found;
  };
}

/** Where a call frame comes from: a `src/…` module inside the bundle, or its URL. */
function location(frame, moduleOf, bundleUrl) {
  const url = frame.url ?? "";
  if (bundleUrl && url.endsWith(bundleUrl) && moduleOf) return moduleOf(frame.lineNumber) ?? "bundle";
  return url.replace(/^file:\/\/.*\/node_modules\//, "node_modules/").replace(/^file:\/\//, "");
}

/** The group a function's self time counts in. */
export function groupOf(name, where) {
  if (/^\((garbage collector|program)\)$/.test(name)) return "GC and VM";
  // JSON.stringify is a V8 builtin without a frame of its own: its time is its caller's self time.
  if (/stringify|^parse$|JSON|toJSON/.test(name) && !/cookie/i.test(where)) return "JSON";
  if (/^json/i.test(name) && /src\/auth\/respond/.test(where)) return "JSON";
  if (/crypto|signer|hmac/i.test(where) || /^(createHmac|Hmac|digest|update|timingSafeEqual|createSecretKey)$/.test(name)) return "crypto";
  if (/better-sqlite3|kysely|node_modules\/pg|pg-protocol|pg-pool|src\/db\//.test(where)) return "SQL/driver";
  if (/undici|webstreams|internal\/url|src\/node\/|src\/auth\/respond|internal\/abort|internal\/event_target|js_transferable/.test(where)) return GROUPS[0];
  if (/^(Request|Headers|Response|URL|ReadableStream|WritableStream)\b/.test(name)) return GROUPS[0];
  if (/node:_http|node:http|node:net|internal\/streams|stream_base_commons|node:internal\/http|node:internal\/timers|node:events/.test(where)) return GROUPS[4];
  return "other";
}

/**
 * The profile as a tree merged by function (name and location), with self and total time in
 * microseconds. A sample's time is the delta to the next sample (`timeDeltas[i + 1]`).
 */
export function aggregate(profile, { moduleOf = null, bundleUrl = "" } = {}) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i + 1] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + Math.max(0, delta));
  }
  // A native function (no script, e.g. the socket's writev) is grouped with its caller.
  const describe = (node, parent) => {
    const name = node.callFrame.functionName || "(anonymous)";
    const where = location(node.callFrame, moduleOf, bundleUrl);
    const native = where === "" && !name.startsWith("(") && parent.home;
    return native
      ? { name, where: `native, called from ${parent.home}`, home: parent.home, group: /^(stringify|parse)$/.test(name) && !/url/.test(parent.home) ? "JSON" : parent.group }
      : { name, where, home: where, group: groupOf(name, where) };
  };
  const build = (node, into) => {
    const info = describe(node, into);
    if (info.name === "(idle)") return;
    const key = `${info.name}@${info.where}`;
    let child = into.children.get(key);
    if (!child) into.children.set(key, (child = { ...info, self: 0, total: 0, children: new Map() }));
    child.self += self.get(node.id) ?? 0;
    for (const id of node.children ?? []) build(byId.get(id), child);
  };
  const root = { name: "all", where: "", home: "", group: "other", self: 0, total: 0, children: new Map() };
  const top = profile.nodes[0];
  for (const id of top.children ?? []) build(byId.get(id), root);
  const sum = (node) => (node.total = node.self + [...node.children.values()].reduce((acc, c) => acc + sum(c), 0));
  sum(root);
  return root;
}

/** Self time per function (over every stack it appears in), biggest first. */
export function selfTimes(root) {
  const totals = new Map();
  const walk = (node) => {
    if (node !== root) {
      const key = `${node.name}@${node.where}`;
      const entry = totals.get(key) ?? { name: node.name, where: node.where, group: node.group, self: 0 };
      entry.self += node.self;
      totals.set(key, entry);
    }
    for (const child of node.children.values()) walk(child);
  };
  walk(root);
  return [...totals.values()].sort((a, b) => b.self - a.self);
}

const escape = (text) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/** An HTML page holding the flame graph (root at the bottom), widths proportional to time. */
export function flameHtml(root, { title, width = 1600, row = 17 }) {
  const boxes = [];
  let depth = 0;
  const place = (node, x, level) => {
    const w = (node.total / root.total) * width;
    if (w < 0.3) return;
    depth = Math.max(depth, level);
    boxes.push({ node, x, w, level });
    let offset = x;
    for (const child of [...node.children.values()].sort((a, b) => b.total - a.total)) {
      place(child, offset, level + 1);
      offset += (child.total / root.total) * width;
    }
  };
  place(root, 0, 0);
  const height = (depth + 1) * row;
  const rects = boxes.map(({ node, x, w, level }) => {
    const y = height - (level + 1) * row;
    const color = node === root ? "#dddddd" : COLORS[GROUPS.indexOf(node.group)];
    const label = `${node.name}${node.where ? ` ${node.where.replace(/^.*\/(?=[^/]+\/[^/]+$)/, "")}` : ""}`;
    const pct = ((node.total / root.total) * 100).toFixed(1);
    const text = w > 40 ? `<text x="${(x + 3).toFixed(1)}" y="${y + row - 5}">${escape(label.slice(0, Math.floor(w / 6.2)))}</text>` : "";
    return `<g><title>${escape(label)}: ${pct}% total, ${(node.self / 1000).toFixed(1)} ms self</title><rect x="${x.toFixed(1)}" y="${y}" width="${Math.max(0.3, w - 0.5).toFixed(1)}" height="${row - 1}" fill="${color}"/>${text}</g>`;
  });
  const legend = GROUPS.map((g, i) => `<span><i style="background:${COLORS[i]}"></i>${escape(g)}</span>`).join("");
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title><style>
body{margin:12px;font:13px system-ui,sans-serif;background:#fff}h1{font-size:16px;margin:0 0 6px}
.legend span{margin-right:14px;white-space:nowrap}.legend i{display:inline-block;width:11px;height:11px;margin-right:4px;vertical-align:-1px}
svg text{font:11px monospace;fill:#111;pointer-events:none}</style></head><body>
<h1>${escape(title)}</h1><div class="legend">${legend}</div>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${rects.join("")}</svg>
</body></html>`;
}

/** The top `count` self-time functions and each group's share, in Markdown. */
export function profileMarkdown(root, { count = 25, heading }) {
  const all = selfTimes(root);
  const total = root.total;
  const pct = (us) => `${((us / total) * 100).toFixed(1)}%`;
  const out = [heading, "", "| group | self time | share |", "|---|---:|---:|"];
  for (const group of GROUPS) {
    const us = all.filter((e) => e.group === group).reduce((acc, e) => acc + e.self, 0);
    out.push(`| ${group} | ${(us / 1000).toFixed(0)} ms | ${pct(us)} |`);
  }
  out.push("", `Top ${count} functions by self time:`, "", "| # | function | where | group | self ms | share |", "|---:|---|---|---|---:|---:|");
  all.slice(0, count).forEach((e, i) => out.push(`| ${i + 1} | \`${e.name}\` | ${e.where || "(native)"} | ${e.group} | ${(e.self / 1000).toFixed(0)} | ${pct(e.self)} |`));
  return out.join("\n");
}

/** Renders `html` in Chromium and saves a full-page screenshot to `png`. */
export async function screenshot(html, png) {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1630, height: 600 } });
    await page.setContent(html);
    await page.screenshot({ path: png, fullPage: true });
  } finally {
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, bundle] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const opts = Object.fromEntries(process.argv.slice(2).filter((a) => a.startsWith("--")).map((a) => a.slice(2).split("=")));
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const root = aggregate(profile, bundle ? { moduleOf: moduleLines(readFileSync(bundle, "utf8")), bundleUrl: bundle } : {});
  const html = flameHtml(root, { title: `CPU profile: ${file}` });
  writeFileSync(opts.html ?? file.replace(/\.cpuprofile$/, ".html"), html);
  await screenshot(html, opts.png ?? "bench/flame.png");
  const markdown = profileMarkdown(root, { heading: `# CPU profile of ${file}` });
  if (opts.md) writeFileSync(opts.md, markdown);
  else console.log(markdown);
}
