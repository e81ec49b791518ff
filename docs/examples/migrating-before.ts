// auth.ts before the move: Better Auth 1.7 with its multi-session plugin, on SQLite.
import Database from "better-sqlite3";
import { betterAuth } from "better-auth";
import { multiSession } from "better-auth/plugins";

export const auth = betterAuth({
  database: new Database("app.db"),
  secret: process.env.BETTER_AUTH_SECRET,
  baseURL: "https://app.example.com",
  emailAndPassword: { enabled: true, minPasswordLength: 10 },
  session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
  trustedOrigins: ["https://admin.example.com"],
  plugins: [multiSession({ maximumSessions: 3 })],
});
