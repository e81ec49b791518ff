// A throwaway PostgreSQL database per server, on 127.0.0.1:5432 as user postgres.
import pg from "pg";

const ADMIN = "postgres://postgres@127.0.0.1:5432/postgres";

async function admin(statement) {
  const client = new pg.Client({ connectionString: ADMIN });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates database `name` (letters, digits, underscores) and returns its URL. */
export async function createDatabase(name) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  await admin(`CREATE DATABASE ${name}`);
  return `postgres://postgres@127.0.0.1:5432/${name}`;
}

export async function dropDatabase(url) {
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
