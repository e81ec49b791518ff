// Every option of kernia(), set to its default where it has one. Omit what you do not change.
import { kernia } from "kernia";
import { multiSession } from "kernia/plugins";

export const auth = kernia({
  database: "sqlite:.kernia/kernia.db", // required: a URL or a Kysely dialect
  secret: process.env.KERNIA_SECRET, // default: KERNIA_SECRET, then BETTER_AUTH_SECRET
  baseURL: process.env.KERNIA_BASE_URL, // default: KERNIA_BASE_URL, then BETTER_AUTH_URL
  basePath: "/api/auth",
  emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
  session: { expiresIn: 7 * 24 * 60 * 60, updateAge: 24 * 60 * 60, freshAge: 24 * 60 * 60 },
  advanced: { cookiePrefix: "better-auth", useHostPrefix: false, trustedProxies: [] },
  trustedOrigins: [],
  rateLimit: {
    enabled: process.env.NODE_ENV === "production",
    window: 10,
    max: 100,
    customRules: { "/sign-in/email": { window: 10, max: 3 }, "/sign-up/email": { window: 10, max: 3 } },
    storage: "memory", // "secondary-storage" by default when secondaryStorage is set
  },
  logger: console,
  plugins: [multiSession({ maximum: 5, exposeTokens: true })],
});
