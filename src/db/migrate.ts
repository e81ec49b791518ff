import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";
import type { DialectName } from "./dialect.js";
import { connectionRefusal, isUnavailableError } from "./errors.js";
import { coreSchema } from "./migrations/0001_core_schema.js";

/** A named migration; plugins contribute theirs with ids that sort after the core's. */
export interface NamedMigration {
  name: string;
  migration: (dialect: DialectName) => Migration;
}

export const coreMigrations: NamedMigration[] = [{ name: "0001_core_schema", migration: coreSchema }];

/**
 * Applies every pending migration in name order. Safe to run again: applied ones are recorded in
 * Kysely's `kysely_migration` table (named `kernia_migration` here, to stay out of the app's way).
 */
export async function migrate(db: Kysely<unknown>, dialect: DialectName, migrations: NamedMigration[]) {
  const provider: MigrationProvider = {
    getMigrations: () =>
      Promise.resolve(Object.fromEntries(migrations.map((m) => [m.name, m.migration(dialect)]))),
  };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: "kernia_migration",
    migrationLockTableName: "kernia_migration_lock",
  });
  let { error, results } = await migrator.migrateToLatest();
  // Kysely's migration lock cannot span SQLite connections: when processes migrate one file at
  // once, the losers' transactions roll back on the migration table's unique name. By then the
  // winner has applied everything, so a second look finds nothing left to do.
  for (let attempt = 1; error && dialect === "sqlite" && attempt <= 5; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    if (failed) throw new Error(`kernia: migration ${failed} failed`, { cause: error });
    // Nothing ran: the database could not be reached or the migration table not read.
    const reason =
      connectionRefusal(error) ?? (isUnavailableError(error) ? "the database is unreachable" : "the migration table could not be read");
    throw new Error(`kernia: migrations could not run: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
