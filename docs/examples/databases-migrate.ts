// Migrations at startup: every process may run them; the ones already applied are skipped.
import { kernia } from "kernia";
import { multiSession } from "kernia/plugins";

export const auth = kernia({
  database: process.env.DATABASE_URL ?? "sqlite:.kernia/kernia.db",
  secret: process.env.KERNIA_SECRET,
  plugins: [multiSession()],
});

const applied = await auth.migrate(); // the names applied, e.g. ["0001_core_schema"]
if (applied.length) console.log(`kernia: applied ${applied.join(", ")}`);
