import { defineEndpoint } from "../auth/endpoint.js";

/** `POST /sign-out`: revokes the active session (plugins may revoke more) and clears the cookies. */
export const signOut = defineEndpoint({
  method: "POST",
  path: "/sign-out",
  async handler(ctx): Promise<{ success: true }> {
    for (const listener of ctx.auth.events.signOut) await listener(ctx);
    const verified = await ctx.readSigned(ctx.auth.cookies.sessionToken);
    if (verified) await ctx.revokeSessions([verified.value], { reason: "sign-out" });
    ctx.clearSessionCookie();
    return { success: true };
  },
});
