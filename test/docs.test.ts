import { readFileSync } from "node:fs";
import { expect, test } from "vitest";

/**
 * The examples themselves are type-checked by `tsc` (tsconfig.json includes docs/); this keeps each
 * page's copy identical to its file, so a page cannot show code that no longer compiles.
 */
const PAGES: Array<{ page: string; example: string; lang: string }> = [
  { page: "README.md", example: "docs/examples/integration.tsx", lang: "tsx" },
  { page: "docs/security.md", example: "docs/examples/security.ts", lang: "ts" },
];

for (const { page, example, lang } of PAGES) {
  test(`${page} shows ${example} verbatim`, () => {
    const text = readFileSync(page, "utf8");
    const code = readFileSync(example, "utf8").trimEnd();
    const block = new RegExp(`<!-- example:start[^>]*-->\\n\`\`\`${lang}\\n([\\s\\S]*?)\\n\`\`\`\\n<!-- example:end -->`).exec(text)?.[1];
    expect(block).toBe(code);
  });
}
