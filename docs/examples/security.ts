// A production server on one host: __Host- cookies, a mobile app's scheme trusted for callbacks,
// a bounded password-hash queue, and rate limits counted in Redis across processes.
import { kernia, redisStorage } from "kernia";
import { multiSession } from "kernia/plugins";

export const auth = kernia({
  database: process.env.DATABASE_URL ?? "sqlite:.kernia/kernia.db",
  secret: [process.env.KERNIA_SECRET ?? "", process.env.KERNIA_PREVIOUS_SECRET ?? ""].filter(Boolean),
  baseURL: "https://app.example.com",
  trustedOrigins: ["https://*.example.com", "myapp://"],
  secondaryStorage: redisStorage(process.env.REDIS_URL ?? "redis://127.0.0.1:6379"),
  emailAndPassword: { hashConcurrency: 2, hashQueueLimit: 64 },
  rateLimit: { enabled: true, customRules: { "/sign-in/email": { window: 900, max: 10 } } },
  advanced: { useHostPrefix: true, trustedProxies: ["10.0.0.1"] },
  plugins: [multiSession()],
});
