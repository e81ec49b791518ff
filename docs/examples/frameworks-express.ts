// Express 5 and 4. Mount Kernia before express.json() if you can; after it works too, since
// toNodeHandler then sends on the body express.json() already parsed.
import type { Express } from "express";
import type { Auth } from "kernia";
import { toNodeHandler } from "kernia/node";

/** Express 5: a wildcard needs a name (`*splat`). */
export function mountKernia(app: Express, auth: Auth): void {
  app.all("/api/auth/*splat", toNodeHandler(auth));
}

/** Express 4: a bare `*`. */
export function mountKerniaExpress4(app: Express, auth: Auth): void {
  app.all("/api/auth/*", toNodeHandler(auth));
}

// const app = express();
// mountKernia(app, auth);
// app.use(express.json());
// app.listen(3000);
