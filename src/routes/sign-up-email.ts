import { z } from "zod";
import { defineEndpoint } from "../auth/endpoint.js";
import { KerniaError } from "../errors.js";
import type { User } from "../db/models.js";
import { isUniqueViolation } from "../db/errors.js";
import { newUser } from "../db/users.js";
import { assertCallbackURL, hasUnsafeUrlCharacters } from "../security/callback-url.js";

const body = z.strictObject({
  name: z.string().max(255),
  email: z.email().max(255),
  password: z.string().max(4096),
  // A URL a browser will load: no characters it would drop or rewrite (see hasUnsafeUrlCharacters).
  image: z
    .string()
    .max(2048)
    .refine((value) => !hasUnsafeUrlCharacters(value), { message: "image has characters a URL must not carry" })
    .nullish(),
  rememberMe: z.boolean().optional(),
  callbackURL: z.string().max(2048).optional(),
});

/** `POST /sign-up/email`: creates a user with a password and, by default, signs them in. */
export const signUpEmail = defineEndpoint({
  method: "POST",
  path: "/sign-up/email",
  body,
  async handler(ctx): Promise<{ token: string | null; user: User }> {
    const { auth } = ctx;
    if (!auth.password.enabled) throw new KerniaError(400, "EMAIL_PASSWORD_DISABLED", "Email and password sign-up is disabled");
    const { password, callbackURL } = ctx.body;
    if (callbackURL !== undefined) assertCallbackURL(callbackURL, auth.baseURL, auth.trustedOrigins);
    if (password.length < auth.password.min) throw new KerniaError(400, "PASSWORD_TOO_SHORT");
    if (password.length > auth.password.max) throw new KerniaError(400, "PASSWORD_TOO_LONG");
    const email = ctx.body.email.toLowerCase();
    if (await auth.users.emailTaken(email)) throw new KerniaError(422, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");
    const hash = await auth.hasher.hash(password);
    const user = newUser({ name: ctx.body.name, email, image: ctx.body.image ?? null }, ctx.now);
    ctx.write(async (executor) => {
      try {
        await auth.users.insertWithPassword(user, hash, executor);
      } catch (cause) {
        // Lost a race with a concurrent sign-up for the same email: the unique index refused it.
        if (isUniqueViolation(cause)) throw new KerniaError(422, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", undefined, { cause });
        throw cause;
      }
    });
    if (!auth.password.autoSignIn) {
      ctx.audit({ type: "sign-up", userId: user.id, sessionId: null });
      return { token: null, user };
    }
    const created = await ctx.createSession(user, { rememberMe: ctx.body.rememberMe !== false });
    ctx.audit({ type: "sign-up", userId: user.id, sessionId: created.session.id });
    return { token: created.session.token, user };
  },
});
