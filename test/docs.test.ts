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
  { page: "docs/getting-started.md", example: "docs/examples/getting-started-server.ts", lang: "ts" },
  { page: "docs/getting-started.md", example: "docs/examples/getting-started-client.ts", lang: "ts" },
  { page: "docs/getting-started.md", example: "docs/examples/getting-started-app.tsx", lang: "tsx" },
  { page: "docs/options.md", example: "docs/examples/options-defaults.ts", lang: "ts" },
  ...["urls", "dialect", "migrate"].map((name) => ({ page: "docs/databases.md", example: `docs/examples/databases-${name}.ts`, lang: "ts" })),
  ...["provider", "settings", "hooks"].map((name) => ({ page: "docs/react.md", example: `docs/examples/react-${name}.tsx`, lang: "tsx" })),
  { page: "docs/troubleshooting.md", example: "docs/examples/troubleshooting-origins.ts", lang: "ts" },
  { page: "docs/troubleshooting.md", example: "docs/examples/troubleshooting-fetch-ip.ts", lang: "ts" },
  { page: "docs/multi-session.md", example: "docs/examples/multi-session-server.ts", lang: "ts" },
  { page: "docs/multi-session.md", example: "docs/examples/multi-session-client.ts", lang: "ts" },
  { page: "docs/multi-session.md", example: "docs/examples/multi-session-per-tab-client.ts", lang: "ts" },
  { page: "docs/multi-session.md", example: "docs/examples/multi-session-per-tab-server.ts", lang: "ts" },
  { page: "docs/multi-session.md", example: "docs/examples/multi-session-per-tab-react.tsx", lang: "tsx" },
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
  ...["before", "after", "mount", "client-unchanged", "client-kernia", "migrate"].map((name) => ({
    page: "docs/migrating-from-better-auth.md",
    example: `docs/examples/migrating-${name}.ts`,
    lang: "ts",
  })),
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

  test(`every TypeScript or JavaScript block of ${page} is an example block`, () => {
    // A code block without markers would be shown unchecked; shell blocks (`npm install`) are prose.
    const code = readFileSync(page, "utf8").match(/^```(ts|tsx|js|jsx|typescript|javascript)$/gm) ?? [];
    expect(code).toHaveLength(PAGES.filter((p) => p.page === page).length);
  });
}
