import { createRequire } from "node:module";
import { screen } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { version as reactVersion } from "react";
import { version as reactDomVersion } from "react-dom";
import { describe, expect, inject, it } from "vitest";
import { ada, createTestApp } from "./test-utils/test-app.js";
import { UserButton } from "./user-button.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The React major a "dom" project runs, set by `provide` in vitest.config.ts. */
    reactMajor: 18 | 19;
  }
}

// The same component suites run once per React major ("dom": 19, "dom-react18": 18). This proves
// each project runs the React it claims, and only that one, so React 18 cannot silently be 19.
describe("the React under test", () => {
  it("is the project's React, and no other copy of React was loaded", async () => {
    const major = inject("reactMajor");
    expect([18, 19]).toContain(major);
    expect(reactVersion).toMatch(new RegExp(`^${major}\\.`));
    expect(reactDomVersion).toMatch(new RegExp(`^${major}\\.`));

    // Real components, Radix menus and Testing Library together: a second copy of React would
    // fail here (hooks called outside the renderer that owns them).
    const app = await createTestApp({ accounts: [ada] });
    app.renderWithAuth(<UserButton />);
    await userEvent.click(await screen.findByRole("button", { name: /Ada Lovelace/ }));
    expect(await screen.findByRole("menuitem", { name: /Sign out/ })).toBeTruthy();

    // And Node loaded files from one React installation only (react, or the react-18 alias).
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    const installations = new Set(loaded.flatMap((file) => /[\\/]node_modules[\\/](react(?:-dom)?(?:-18)?)[\\/]/.exec(file)?.[1] ?? []));
    expect([...installations].sort()).toEqual(major === 18 ? ["react-18", "react-dom-18"] : ["react", "react-dom"]);
  });
});
