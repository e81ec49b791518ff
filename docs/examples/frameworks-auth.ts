// auth.ts: one Kernia for the whole app; each recipe below mounts this `auth`.
import { kernia } from "kernia";
import { multiSession } from "kernia/plugins";

export const auth = kernia({
  database: process.env.DATABASE_URL ?? "sqlite:.kernia/kernia.db",
  secret: process.env.KERNIA_SECRET,
  // The URL your users open. Without it, each request's own URL stands in (with a warning).
  baseURL: process.env.KERNIA_BASE_URL ?? "http://localhost:3000",
  // The addresses of your reverse proxies, if any: their X-Forwarded-For names the client.
  advanced: { trustedProxies: (process.env.TRUSTED_PROXIES ?? "").split(",").filter(Boolean) },
  plugins: [multiSession()],
});
