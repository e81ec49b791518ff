// Fastify: Kernia's routes in their own scope, whose content-type parser leaves every body
// unread for Kernia; reply.hijack() hands the raw response to toNodeHandler.
import Fastify from "fastify";
import type { Auth } from "kernia";
import { toNodeHandler } from "kernia/node";

export function createFastifyApp(auth: Auth) {
  const app = Fastify();
  const authHandler = toNodeHandler(auth);
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_request, _payload, done) => done(null));
    scope.route({
      method: ["GET", "POST"],
      url: "/api/auth/*",
      handler: async (request, reply) => {
        reply.hijack();
        await authHandler(request.raw, reply.raw);
      },
    });
  });
  return app;
}

// await createFastifyApp(auth).listen({ port: 3000 });
