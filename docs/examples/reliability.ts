// Several processes behind a load balancer: one database, one Redis, an audit log of what happened.
import { kernia, redisStorage, type AuditEvent } from "kernia";
import { multiSession } from "kernia/plugins";

const auditLog: AuditEvent[] = []; // your table or log shipper

export const auth = kernia({
  database: process.env.DATABASE_URL ?? "postgres://app@db.internal:5432/app",
  secondaryStorage: redisStorage(process.env.REDIS_URL ?? "redis://cache.internal:6379"),
  secret: process.env.KERNIA_SECRET,
  baseURL: "https://app.example.com",
  advanced: { trustedProxies: ["10.0.0.2"] }, // the load balancer's address
  rateLimit: { enabled: true },
  plugins: [multiSession()],
  onEvent: async (event) => {
    auditLog.push(event); // awaited before the answer is sent; a throw is logged, never answered
  },
});
