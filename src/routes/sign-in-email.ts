import { z } from "zod";
import { defineEndpoint } from "../auth/endpoint.js";
import { KerniaError } from "../errors.js";
import type { User } from "../db/models.js";
import { assertCallbackURL } from "../security/callback-url.js";

const body = z.strictObject({
  email: z.email().max(255),
  password: z.string().max(4096),
  rememberMe: z.boolean().optional(),
  callbackURL: z.string().max(2048).optional(),
});

/**
 * `POST /sign-in/email`. An unknown email and a wrong password get the same 401 and cost the
 * same single hash, so the answer does not reveal which accounts exist.
 */
export const signInEmail = defineEndpoint({
  method: "POST",
  path: "/sign-in/email",
  body,
  async handler(ctx): Promise<{ redirect: boolean; token: string; url?: string; user: User }> {
    const { auth } = ctx;
    if (!auth.password.enabled) throw new KerniaError(400, "EMAIL_PASSWORD_DISABLED", "Email and password sign-in is disabled");
    const { password, callbackURL } = ctx.body;
    if (callbackURL !== undefined) assertCallbackURL(callbackURL, auth.baseURL, auth.trustedOrigins);
    const email = ctx.body.email.toLowerCase();
    const found = await auth.users.findWithPassword(email);
    // A password longer than allowed can never match; refuse it before spending a hash on it.
    const refuse = () => {
      ctx.audit({ type: "sign-in-failed", email });
      return new KerniaError(401, "INVALID_EMAIL_OR_PASSWORD");
    };
    if (password.length > auth.password.max) throw refuse();
    if (!found?.password) {
      await auth.hasher.burn(password);
      throw refuse();
    }
    if (!(await auth.hasher.verify(found.password, password))) throw refuse();
    const created = await ctx.createSession(found.user, { rememberMe: ctx.body.rememberMe !== false });
    ctx.audit({ type: "sign-in", userId: found.user.id, sessionId: created.session.id });
    return {
      redirect: callbackURL !== undefined,
      token: created.session.token,
      ...(callbackURL !== undefined ? { url: callbackURL } : {}),
      user: found.user,
    };
  },
});
