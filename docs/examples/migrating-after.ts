// auth.ts after the move: the same options, read by Kernia.
import { kernia } from "kernia";
import { multiSession } from "kernia/plugins";

export const auth = kernia({
  // The same database, named by URL: "sqlite:<file>", "postgres://…" or "mysql://…".
  database: "sqlite:app.db",
  // The same secret: cookies Better Auth signed stay valid, so nobody is signed out.
  secret: process.env.BETTER_AUTH_SECRET,
  baseURL: "https://app.example.com",
  emailAndPassword: { enabled: true, minPasswordLength: 10 },
  session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
  trustedOrigins: ["https://admin.example.com"],
  // Better Auth's option name is accepted; `maximum` is Kernia's own name for it.
  plugins: [multiSession({ maximumSessions: 3 })],
});
