// auth.ts (server)
import { kernia } from "kernia";
import { multiSession } from "kernia/plugins";

export const auth = kernia({
  database: process.env.DATABASE_URL ?? "sqlite:.kernia/kernia.db",
  secret: process.env.KERNIA_SECRET,
  baseURL: "https://app.example.com",
  plugins: [multiSession({ maximum: 5 })],
});
await auth.migrate(); // the plugin adds no tables
