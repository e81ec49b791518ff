import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import mysql from "mysql2/promise";

/**
 * The databases every suite runs on. Each `create()` makes a fresh database with a unique name
 * on a real server and returns its URL and a cleanup that drops it. A server that is not
 * reachable is skipped with a message, unless KERNIA_REQUIRE_SERVICES=1 (CI), where it fails.
 */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export interface DialectUnderTest {
  name: "sqlite" | "postgres" | "mysql";
  available: boolean;
  create(): Promise<TestDatabase>;
}

const PG_URL = process.env.KERNIA_TEST_POSTGRES ?? "postgres://postgres@127.0.0.1:5432/test";
const MYSQL_URL = process.env.KERNIA_TEST_MYSQL ?? "mysql://root@127.0.0.1:3306/test";
export const REQUIRE_SERVICES = process.env.KERNIA_REQUIRE_SERVICES === "1";

const uniqueName = () => `kernia_t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;

async function reachable(name: string, probe: () => Promise<void>): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch (error) {
    if (REQUIRE_SERVICES) throw new Error(`${name} is required (KERNIA_REQUIRE_SERVICES=1) but unreachable`, { cause: error });
    console.warn(`[kernia tests] ${name} unreachable, its suites are skipped: ${(error as Error).message}`);
    return false;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const sqlite: DialectUnderTest = {
  name: "sqlite",
  available: true,
  async create() {
    const dir = mkdtempSync(join(tmpdir(), "kernia-"));
    return { url: `sqlite:${join(dir, "test.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

const postgres: DialectUnderTest = {
  name: "postgres",
  available: await reachable("PostgreSQL", async () => {
    const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
    await client.connect();
    await client.end();
  }),
  async create() {
    const name = uniqueName();
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    return {
      url: withDatabase(PG_URL, name),
      async drop() {
        const client = new pg.Client({ connectionString: PG_URL });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  },
};

const mariadb: DialectUnderTest = {
  name: "mysql",
  available: await reachable("MariaDB", async () => {
    const connection = await mysql.createConnection({ uri: MYSQL_URL, connectTimeout: 3000 });
    await connection.end();
  }),
  async create() {
    const name = uniqueName();
    const admin = await mysql.createConnection({ uri: MYSQL_URL });
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    return {
      url: withDatabase(MYSQL_URL, name),
      async drop() {
        const connection = await mysql.createConnection({ uri: MYSQL_URL });
        await connection.query(`DROP DATABASE IF EXISTS ${name}`);
        await connection.end();
      },
    };
  },
};

/** SQLite, PostgreSQL and MariaDB, in that order. */
export const DIALECTS: DialectUnderTest[] = [sqlite, postgres, mariadb];
