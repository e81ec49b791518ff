#!/usr/bin/env node
import { kernia } from "../index.js";
import { multiSession } from "../plugins/index.js";
import { generateSecret } from "../crypto/random.js";
import { databaseUrl } from "./env.js";

const USAGE = `Usage: kernia <command>

Commands:
  migrate   apply pending migrations to DATABASE_URL (default: sqlite:.kernia/kernia.db)
  secret    print a new random secret for KERNIA_SECRET`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command === "secret") {
    console.log(generateSecret());
    return 0;
  }
  if (command === "migrate") {
    const url = databaseUrl();
    // Migrations need no secret; a throwaway one satisfies the option check.
    const auth = kernia({ database: url, secret: process.env.KERNIA_SECRET ?? generateSecret(), plugins: [multiSession()] });
    try {
      const applied = await auth.migrate();
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
      return 0;
    } finally {
      await auth.close();
    }
  }
  console.error(command ? `Unknown command: ${command}\n\n${USAGE}` : USAGE);
  return command === "--help" || command === "-h" ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`kernia: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
