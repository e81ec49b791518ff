// `npm run registry`: generates the shadcn registry item registry/multi-session.json and the
// registry index registry.json from the multi-session React UI in src/ (issue 11, "the UI as
// copy-in source"). The item drops the components, hooks and the multiSessionPlugin() factory
// into an app's source, so the app owns them and can restyle them.
//
// What the copies import, decided per imported name with the TypeScript checker:
// - a name the published package exports (kernia/react, kernia/client, kernia/client/plugins)
//   is imported from there, so the copies share the package's <AuthProvider> context and the
//   <UserButton> menu they plug into;
// - a module with a name the package does not export (icons.tsx, say) is copied too, and its
//   importers import it as a sibling ("./icons"): every file of the item lands in one folder,
//   so relative imports hold whatever the app's aliases are;
// - relative specifiers lose their ".js": shadcn apps (Next.js, Vite, React Router) resolve
//   modules like a bundler (`moduleResolution: "bundler"`).
// Output is deterministic (sorted, no dates) so a test can check the committed files are current.
//
// Usage: node scripts/build-registry.mjs [--out DIR]   (DIR defaults to the repository root)
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { registryItemSchema, registrySchema } from "shadcn/schema";
import ts from "typescript";

const ROOT = resolve(import.meta.dirname, "..");
const ITEM_NAME = "multi-session";
/** Where the files land: a folder under the app's `components` alias (components.json). */
const TARGET_DIR = "@components/kernia";
/** The folder whose modules make up the item; anything they need that is not public is added. */
const UI_DIR = "src/plugins/multi-session/react";
/** Folders a module may be copied from when the package does not export what the UI needs. */
const COPYABLE = ["src/react/", `${UI_DIR}/`];
/** The package's client-side entry points, in the order an import is matched against them. */
const ENTRIES = [
  ["kernia/react", "src/react/index.ts"],
  ["kernia/client", "src/client/index.ts"],
  ["kernia/client/plugins", "src/client/plugins.ts"],
];
/** Packages the app has anyway and the item need not install. */
const APP_PACKAGES = new Set(["react", "react-dom"]);

const rel = (file) => relative(ROOT, file).split("\\").join("/");
const fail = (message) => {
  throw new Error(`build-registry: ${message}`);
};

/** The item's first files: every module of the UI folder but tests and the barrel. */
function uiModules() {
  return readdirSync(join(ROOT, UI_DIR))
    .filter((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && name !== "index.ts")
    .map((name) => `${UI_DIR}/${name}`);
}

function createProgram(files, oldProgram) {
  const config = ts.readConfigFile(join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const roots = [...files, ...ENTRIES.map(([, file]) => file)].map((file) => join(ROOT, file));
  return ts.createProgram({ rootNames: roots, options: { ...options, noEmit: true }, oldProgram });
}

/** For each entry point, the declarations it exports (aliases followed to the original symbol). */
function publicExports(program, checker) {
  return ENTRIES.map(([specifier, file]) => {
    const source = program.getSourceFile(join(ROOT, file)) ?? fail(`${file} is missing`);
    const module = checker.getSymbolAtLocation(source) ?? fail(`${file} is not a module`);
    const symbols = new Set(checker.getExportsOfModule(module).map((symbol) => original(checker, symbol)));
    return { specifier, symbols };
  });
}

function original(checker, symbol) {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/** The names an import declaration binds, as identifiers (for the checker) and as written. */
function importedNames(declaration) {
  const clause = declaration.importClause;
  if (!clause) return { identifiers: [], elements: [], plain: false };
  const bindings = clause.namedBindings;
  const plain = !clause.name && bindings !== undefined && ts.isNamedImports(bindings);
  const elements = plain ? bindings.elements : [];
  const identifiers = [
    ...(clause.name ? [clause.name] : []),
    ...(bindings && ts.isNamespaceImport(bindings) ? [bindings.name] : elements.map((element) => element.name)),
  ];
  return { identifiers, elements, plain };
}

/**
 * Decides each relative import of the files: "copy" (a sibling of the item) or a public entry.
 * Returns the modules to add when some import needs a module the package does not export.
 */
function planImports(program, checker, files, entries) {
  const copied = new Set(files);
  const plan = new Map(); // file -> [{ declaration, to, packageName? }]
  const missing = new Set();
  for (const file of files) {
    const source = program.getSourceFile(join(ROOT, file)) ?? fail(`${file} is missing`);
    const decisions = [];
    for (const declaration of source.statements) {
      if (!ts.isImportDeclaration(declaration) && !(ts.isExportDeclaration(declaration) && declaration.moduleSpecifier)) continue;
      if (ts.isExportDeclaration(declaration)) fail(`${file} re-exports ("${declaration.getText()}"): the item has no barrel`);
      const specifier = declaration.moduleSpecifier.text;
      if (!specifier.startsWith(".")) {
        decisions.push({ declaration, to: specifier, packageName: packageOf(specifier) });
        continue;
      }
      const resolved = ts.resolveModuleName(specifier, join(ROOT, file), program.getCompilerOptions(), ts.sys).resolvedModule;
      const target = resolved ? rel(resolved.resolvedFileName) : fail(`${file}: cannot resolve "${specifier}"`);
      if (copied.has(target)) {
        decisions.push({ declaration, to: `./${basename(target).replace(/\.tsx?$/, "")}` });
        continue;
      }
      const { identifiers, plain } = importedNames(declaration);
      const symbols = identifiers.map((identifier) => original(checker, checker.getSymbolAtLocation(identifier)));
      const entry = plain && symbols.length > 0 ? entries.find(({ symbols: exported }) => symbols.every((symbol) => exported.has(symbol))) : undefined;
      if (entry) {
        decisions.push({ declaration, to: entry.specifier, packageName: "kernia" });
      } else if (COPYABLE.some((dir) => target.startsWith(dir))) {
        missing.add(target);
      } else {
        fail(`${file} imports ${identifiers.map((id) => id.text).join(", ")} from ${target}, which the package does not export and the item cannot copy`);
      }
    }
    plan.set(file, decisions);
  }
  return { plan, missing };
}

function packageOf(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** The import statement for a group of merged declarations with one specifier. */
function importStatement(typeOnly, names, specifier) {
  const keyword = typeOnly ? "import type" : "import";
  const line = `${keyword} { ${names.join(", ")} } from "${specifier}";`;
  return line.length <= 120 ? line : `${keyword} {\n${names.map((name) => `  ${name},`).join("\n")}\n} from "${specifier}";`;
}

/**
 * The file's text with its imports rewritten: package imports merged per entry (one value and one
 * type import each), siblings as "./name". Only import statements change; the rest is verbatim.
 */
function rewrite(source, decisions, header) {
  const text = source.getFullText();
  const edits = [];
  const merged = new Map(); // "type|specifier" -> names, filled in order of appearance
  for (const { declaration, to, packageName } of decisions) {
    const start = declaration.getStart(source);
    const end = declaration.getEnd();
    if (packageName === "kernia") {
      const typeOnly = declaration.importClause.isTypeOnly;
      const key = `${typeOnly ? "type" : "value"}|${to}`;
      const names = importedNames(declaration).elements.map((element) => element.getText(source));
      const known = merged.get(key);
      if (known) {
        for (const name of names) if (!known.names.includes(name)) known.names.push(name);
        edits.push({ start, end: text[end] === "\n" ? end + 1 : end, replacement: "" });
      } else {
        const group = { names: [...names] };
        merged.set(key, group);
        edits.push({ start, end, replacement: () => importStatement(typeOnly, group.names, to) });
      }
    } else {
      const specifier = declaration.moduleSpecifier;
      edits.push({ start: specifier.getStart(source), end: specifier.getEnd(), replacement: `"${to}"` });
    }
  }
  let result = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    const replacement = typeof edit.replacement === "function" ? edit.replacement() : edit.replacement;
    result = result.slice(0, edit.start) + replacement + result.slice(edit.end);
  }
  // The header goes after the imports: the shadcn CLI drops the comments a file starts with.
  const rewritten = ts.createSourceFile(source.fileName, result, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const at = rewritten.statements.filter((statement) => ts.isImportDeclaration(statement)).at(-1)?.getEnd() ?? 0;
  return `${result.slice(0, at)}${at > 0 ? "\n\n" : ""}${header}${at > 0 ? "" : "\n"}${result.slice(at)}`;
}

function fileType(file) {
  const name = basename(file);
  if (/^use-[\w-]+\.tsx?$/.test(name)) return "registry:hook";
  return name.endsWith(".tsx") ? "registry:component" : "registry:lib";
}

/** Builds both JSON documents; validates them with the shadcn package's published schemas. */
export function buildRegistry() {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  let files = uiModules();
  let program, plan;
  // Add what the package does not export until every import is either public or a sibling.
  for (;;) {
    program = createProgram(files, program);
    const checker = program.getTypeChecker();
    const result = planImports(program, checker, files, publicExports(program, checker));
    plan = result.plan;
    if (result.missing.size === 0) break;
    files = [...files, ...result.missing];
  }
  files.sort((a, b) => basename(a).localeCompare(basename(b)) || a.localeCompare(b));
  const names = files.map((file) => basename(file));
  if (new Set(names).size !== names.length) fail(`two copied files share a name: ${files.join(", ")}`);

  const dependencies = new Set();
  const itemFiles = files.map((file) => {
    const source = program.getSourceFile(join(ROOT, file));
    const decisions = plan.get(file);
    for (const { packageName } of decisions) if (packageName && !APP_PACKAGES.has(packageName)) dependencies.add(packageName);
    const type = fileType(file);
    // Components and hooks run in the browser: Next.js's App Router needs the directive (the
    // shadcn CLI removes it for apps whose components.json says `"rsc": false`).
    const directive = type === "registry:lib" ? "" : '"use client";\n\n';
    const header = `// Added by the shadcn registry item "${ITEM_NAME}" from ${pkg.name}@${pkg.version} (${file}).\n// This copy is yours to change; see docs/registry.md for keeping it in sync.`;
    return {
      path: `registry/${ITEM_NAME}/${basename(file)}`,
      content: directive + rewrite(source, decisions, header),
      type,
      target: `${TARGET_DIR}/${basename(file)}`,
    };
  });

  const meta = {
    name: ITEM_NAME,
    type: "registry:block",
    title: "Multi-session account switcher",
    description:
      "Kernia's multi-session UI as source you own: the Switch Account submenu, per-account sign-out, the Manage accounts card, their hooks and the multiSessionPlugin() factory. Pass the copied multiSessionPlugin() to <AuthProvider> from kernia/react.",
    dependencies: [...dependencies].sort(),
  };
  const item = { $schema: "https://ui.shadcn.com/schema/registry-item.json", ...meta, files: itemFiles };
  const index = {
    $schema: "https://ui.shadcn.com/schema/registry.json",
    name: "kernia",
    homepage: "https://www.npmjs.com/package/kernia",
    items: [{ ...meta, files: itemFiles.map(({ path, type, target }) => ({ path, type, target })) }],
  };
  validate("registry/multi-session.json", registryItemSchema, item);
  validate("registry.json", registrySchema, index);
  return { "registry/multi-session.json": item, "registry.json": index };
}

/** Fails on a schema error, and on any key the schema would strip (a typo is not ignored). */
function validate(name, schema, value) {
  const parsed = schema.safeParse(value);
  if (!parsed.success) fail(`${name} is not valid against shadcn's schema:\n${parsed.error.message}`);
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(parsed.data)), value)) fail(`${name} has keys shadcn's schema does not know`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const out = resolve(values.out ?? ROOT);
  for (const [file, value] of Object.entries(buildRegistry())) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    writeFileSync(join(out, file), `${JSON.stringify(value, null, 2)}\n`);
    console.log(`wrote ${rel(join(out, file)).startsWith("..") ? join(out, file) : rel(join(out, file))}`);
  }
}
