// migrate.ts: run once on the Better Auth database before Kernia serves it
// (or run `npx kernia migrate` with DATABASE_URL set). It creates only what is missing.
import { auth } from "./migrating-after.js";

const applied = await auth.migrate();
console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
await auth.close();
