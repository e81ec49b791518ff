import { readFileSync } from "node:fs";
import { expect, test } from "vitest";

/**
 * The examples themselves are type-checked by `tsc` (tsconfig.json includes docs/); this keeps each
 * page's copy identical to its file, so a page cannot show code that no longer compiles. A page may
 * hold several blocks: each block's start marker names its file
 * (`<!-- example:start docs/examples/x.ts -->`), and every block of a page must be listed here.
 */
const PAGES: Array<{ page: string; example: string; lang: string }> = [
  { page: "README.md", example: "docs/examples/integration.tsx", lang: "tsx" },
  { page: "docs/security.md", example: "docs/examples/security.ts", lang: "ts" },
  { page: "docs/reliability.md", example: "docs/examples/reliability.ts", lang: "ts" },
  ...[
    "auth",
    "node",
    "express",
    "hono",
    "next",
    "next-route",
    "fastify",
    "bun",
    "deno",
  ].map((name) => ({ page: "docs/frameworks.md", example: `docs/examples/frameworks-${name}.ts`, lang: "ts" })),
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

for (const { page, example, lang } of PAGES) {
  test(`${page} shows ${example} verbatim`, () => {
    const text = readFileSync(page, "utf8");
    const code = readFileSync(example, "utf8").trimEnd();
    const marker = `<!-- example:start[^>]*${escape(example)}[^>]*-->`;
    const block = new RegExp(`${marker}\\n\`\`\`${lang}\\n([\\s\\S]*?)\\n\`\`\`\\n<!-- example:end -->`).exec(text)?.[1];
    expect(block).toBe(code);
  });
}

for (const page of new Set(PAGES.map((p) => p.page))) {
  test(`every example block of ${page} is checked`, () => {
    const blocks = readFileSync(page, "utf8").match(/<!-- example:start/g) ?? [];
    expect(blocks).toHaveLength(PAGES.filter((p) => p.page === page).length);
  });
}
