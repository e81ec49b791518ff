#!/usr/bin/env node
import { kernia } from "../index.js";
import { multiSession } from "../plugins/index.js";
import { generateSecret } from "../crypto/random.js";
import { databaseUrl } from "./env.js";

/** Exit statuses. 2 is the customary one for a command line that could not be understood. */
const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

interface Command {
  /** One line in the command list of `kernia --help`. */
  summary: string;
  /** What `kernia <command> --help` prints. */
  help: string;
  run(): Promise<void>;
}

const DATABASE_URL_HELP = `  DATABASE_URL   the database: sqlite:<path>, postgres://user:password@host/db or
                 mysql://user:password@host/db (default: sqlite:.kernia/kernia.db).
                 Its driver must be installed: better-sqlite3, pg or mysql2.`;

const COMMANDS: Record<string, Command> = {
  migrate: {
    summary: "apply pending migrations to DATABASE_URL (default: sqlite:.kernia/kernia.db)",
    help: `Usage: kernia migrate

Applies Kernia's pending migrations (the core tables and the multi-session plugin's) to the
database, then exits. Running it again finds nothing to do.

Environment:
${DATABASE_URL_HELP}`,
    async run() {
      // Migrations sign nothing: a throwaway secret satisfies the option check, and an unset or
      // malformed KERNIA_SECRET on a CI runner cannot stop a migration.
      const auth = kernia({ database: databaseUrl(), secret: generateSecret(), plugins: [multiSession()] });
      try {
        const applied = await auth.migrate();
        console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
      } finally {
        await auth.close();
      }
    },
  },
  secret: {
    summary: "print a new random secret for KERNIA_SECRET",
    help: `Usage: kernia secret

Prints a new random secret (32 bytes, base64url) to use as KERNIA_SECRET. Reads no environment
variables.`,
    run() {
      console.log(generateSecret());
      return Promise.resolve();
    },
  },
};

const USAGE = `Usage: kernia <command>

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(8)}  ${command.summary}`)
  .join("\n")}
  help      print this help; \`kernia help <command>\` or \`kernia <command> --help\` for one command

Environment (read by migrate):
${DATABASE_URL_HELP}`;

const isHelpFlag = (arg: string) => arg === "--help" || arg === "-h";

function commandNamed(name: string): Command | undefined {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}

/** A command line we could not understand: say what was wrong, then how to use it, on stderr. */
function usageError(problem: string, usage: string): number {
  console.error(`kernia: ${problem}\n\n${usage}`);
  return EXIT_USAGE;
}

function unknown(arg: string): string {
  return arg.startsWith("-") ? `unknown option "${arg}"` : `unknown command "${arg}"`;
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) return usageError("no command given", USAGE);
  if (isHelpFlag(name) || (name === "help" && rest.length === 0)) {
    console.log(USAGE);
    return EXIT_OK;
  }
  if (name === "help") {
    const [topic = "", ...extra] = rest;
    const command = commandNamed(topic);
    if (!command) return usageError(unknown(topic), USAGE);
    if (extra.length) return usageError(`unexpected argument "${extra[0]}"`, USAGE);
    console.log(command.help);
    return EXIT_OK;
  }
  const command = commandNamed(name);
  if (!command) return usageError(unknown(name), USAGE);
  if (rest.some(isHelpFlag)) {
    console.log(command.help);
    return EXIT_OK;
  }
  if (rest.length) return usageError(`${name} takes no arguments, got "${rest.join(" ")}"`, command.help);
  await command.run();
  return EXIT_OK;
}

/**
 * One line per error in the cause chain, each once: Kernia's own messages already start with
 * "kernia: " (see errors.ts), so the prefix is written here and stripped from them.
 */
function describe(error: unknown): string {
  const lines: string[] = [];
  const seen = new Set<unknown>();
  for (let current = error; current !== undefined && !seen.has(current); ) {
    seen.add(current);
    const text = current instanceof Error ? current.message || current.name : String(current);
    lines.push(text.replace(/^kernia: /, ""));
    current = current instanceof Error ? current.cause : undefined;
  }
  return `kernia: ${lines.join("\n  caused by: ")}`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(describe(error));
    process.exit(EXIT_FAILED);
  },
);
