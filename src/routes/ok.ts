import { defineEndpoint } from "../auth/endpoint.js";

/** `GET /ok`: a liveness probe. */
export const ok = defineEndpoint({
  method: "GET",
  path: "/ok",
  async handler(): Promise<{ ok: true }> {
    return { ok: true };
  },
});
