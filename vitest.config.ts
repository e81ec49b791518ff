import { defineConfig } from "vitest/config";

// In "dom-react18", `react` and `react-dom` (and their subpaths) mean React 18, installed as the
// `react-18` and `react-dom-18` aliases. Two resolvers must agree:
// - Vite's, for our sources and the inlined libraries below: `resolve.alias`.
// - Node's, for what Vitest leaves to Node: `require("react")` inside react-dom-18, react-18's JSX
//   runtime and other CommonJS packages would otherwise find React 19 at node_modules/react. The
//   worker preloads a hook that rewrites those requests.
// (npm: package.json's `overrides` lets root React 19 satisfy react-dom-18's peer `react`, so
// installs need no --legacy-peer-deps; at run time the hook above gives react-dom-18 React 18.)
const toReact18 = /^react(-dom)?(?=\/|$)/;
const preloadReact18 = `import M from "node:module";
const resolveFilename = M._resolveFilename;
M._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, request.replace(${toReact18}, "$&-18"), ...rest);
};`;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: ["src/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts"],
          exclude: ["test/faults/**", "**/node_modules/**"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Suites that stop and start the machine's database servers: run alone, never beside other
        // suites (`npm run test:faults`, which CI runs after everything else).
        test: {
          name: "faults",
          environment: "node",
          include: ["test/faults/**/*.test.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "dom",
          environment: "jsdom",
          include: ["src/**/*.test.tsx"],
          testTimeout: 30_000,
          provide: { reactMajor: 19 },
        },
      },
      {
        resolve: { alias: [{ find: toReact18, replacement: "$&-18" }] },
        test: {
          name: "dom-react18",
          environment: "jsdom",
          include: ["src/**/*.test.tsx"],
          testTimeout: 30_000,
          provide: { reactMajor: 18 },
          execArgv: ["--import", `data:text/javascript,${encodeURIComponent(preloadReact18)}`],
          // Libraries whose ES modules import React and that Node could load by itself: Vite runs
          // them instead, so the alias reaches their imports. A miss fails loudly (two Reacts), and
          // react-version.test.tsx checks that only React 18 was loaded.
          server: { deps: { inline: [/\/node_modules\/(@radix-ui|@floating-ui|@testing-library)\//] } },
        },
      },
    ],
  },
});
