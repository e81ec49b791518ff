import { describe, expect, it } from "vitest";
import { aggregate, flameHtml, groupOf, moduleLines, profileMarkdown, selfTimes, type CpuProfile } from "./flame.mjs";

const BUNDLE = "/tmp/x/kernia.mjs";
const bundleText = ["import x from 'y';", "", "// src/auth/handler.ts", "function handler() {", "  a();", "  b();", "}", "// src/node/index.ts", "function toRequest() {}"].join("\n");

// (root) -> (idle), handler -> [Hmac, writev (native)], toRequest
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: { functionName: "(root)", url: "", lineNumber: -1 }, children: [2, 3, 6] },
    { id: 2, callFrame: { functionName: "(idle)", url: "", lineNumber: -1 } },
    { id: 3, callFrame: { functionName: "handler", url: `file://${BUNDLE}`, lineNumber: 3 }, children: [4, 5] },
    { id: 4, callFrame: { functionName: "Hmac", url: "node:internal/crypto/hash", lineNumber: 10 } },
    { id: 5, callFrame: { functionName: "writev", url: "", lineNumber: -1 } },
    { id: 6, callFrame: { functionName: "toRequest", url: `file://${BUNDLE}`, lineNumber: 8 } },
  ],
  // Each sample is charged the delta to the next one; the last sample gets nothing.
  samples: [3, 4, 4, 5, 2, 6, 3],
  timeDeltas: [0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000],
};

describe("flame graph from a .cpuprofile", () => {
  const root = aggregate(profile, { moduleOf: moduleLines(bundleText), bundleUrl: BUNDLE });

  it("charges each sample the time to the next one and leaves idle out", () => {
    // handler 10 ms, Hmac 20 + 30, writev 40, idle 50 (dropped), toRequest 60, last handler sample 0.
    expect(root.total).toBe(160_000);
    const self = Object.fromEntries(selfTimes(root).map((e) => [e.name, e.self]));
    expect(self).toEqual({ handler: 10_000, Hmac: 50_000, writev: 40_000, toRequest: 60_000 });
  });

  it("places bundle functions in their src/ module and native ones with their caller", () => {
    const handler = root.children.get("handler@src/auth/handler.ts");
    expect(handler?.total).toBe(100_000);
    expect(handler?.children.get("writev@native, called from src/auth/handler.ts")?.group).toBe("other");
    expect(root.children.get("toRequest@src/node/index.ts")?.group).toMatch(/^framework/);
    expect(moduleLines(bundleText)(0)).toBeNull();
  });

  it("groups functions by what they do", () => {
    expect(groupOf("Hmac", "node:internal/crypto/hash")).toBe("crypto");
    expect(groupOf("executeQuery", "node_modules/kysely/dist/esm/dialect/sqlite/sqlite-driver.js")).toBe("SQL/driver");
    expect(groupOf("_Request", "node:internal/deps/undici/undici")).toMatch(/^framework/);
    expect(groupOf("stringify", "src/auth/respond.ts")).toBe("JSON");
    expect(groupOf("parserOnIncoming", "node:_http_server")).toMatch(/^node:http/);
    expect(groupOf("(garbage collector)", "")).toBe("GC and VM");
  });

  it("draws boxes as wide as their share of the time", () => {
    const html = flameHtml(root, { title: "t", width: 1600 });
    // toRequest: 60 of 160 ms of 1600 px is 600 px (drawn 0.5 px narrower as a gap).
    expect(html).toContain('width="599.5"');
    expect(html).toContain("toRequest");
  });

  it("lists the top self-time functions with their group's share", () => {
    const markdown = profileMarkdown(root, { heading: "# p", count: 2 });
    expect(markdown).toContain("| crypto | 50 ms | 31.3% |");
    expect(markdown).toContain("| 1 | `toRequest` | src/node/index.ts |");
    expect(markdown).not.toContain("| 3 |");
  });
});
