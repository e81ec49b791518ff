// app/api/auth/[...all]/route.ts
import { auth } from "./frameworks-auth.js";
import { toNextJsHandler } from "./frameworks-next.js";

export const { GET, POST } = toNextJsHandler(auth);
