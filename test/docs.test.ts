import { readFileSync } from "node:fs";
import { expect, test } from "vitest";

// The example itself is type-checked by `tsc` (tsconfig.json includes docs/); this keeps the
// README's copy identical to it, so the README cannot show code that no longer compiles.
test("the README's integration example is docs/examples/integration.tsx verbatim", () => {
  const readme = readFileSync("README.md", "utf8");
  const example = readFileSync("docs/examples/integration.tsx", "utf8").trimEnd();
  const block = /<!-- example:start[^>]*-->\n```tsx\n([\s\S]*?)\n```\n<!-- example:end -->/.exec(readme)?.[1];
  expect(block).toBe(example);
});
