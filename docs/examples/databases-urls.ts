// One URL per engine; install its driver: better-sqlite3, pg or mysql2.
import { kernia } from "kernia";

export const onSqlite = kernia({ database: "sqlite:.kernia/kernia.db", secret: process.env.KERNIA_SECRET });

export const onPostgres = kernia({
  database: "postgres://app:password@db.internal:5432/app",
  secret: process.env.KERNIA_SECRET,
});

export const onMysql = kernia({
  database: "mysql://app:password@db.internal:3306/app", // or mariadb://
  secret: process.env.KERNIA_SECRET,
});
