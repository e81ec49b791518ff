// The app at https://app.example.com, its admin on a subdomain, a mobile app, one TLS proxy.
import { kernia } from "kernia";

export const auth = kernia({
  database: process.env.DATABASE_URL ?? "sqlite:.kernia/kernia.db",
  secret: process.env.KERNIA_SECRET,
  baseURL: "https://app.example.com", // the URL in the browser's address bar, not the internal one
  trustedOrigins: ["https://admin.example.com", "myapp://"],
  advanced: { trustedProxies: ["10.0.0.2"] }, // the proxy's address as the app sees it
});
