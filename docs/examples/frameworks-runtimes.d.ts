// Just enough of Bun's and Deno's globals to type-check frameworks-bun.ts and frameworks-deno.ts
// here, where neither runtime (nor its types) is installed. Their real types are wider.
declare const Bun: {
  serve(options: {
    port?: number;
    fetch(request: Request, server: { requestIP(request: Request): { address: string } | null }): Response | Promise<Response>;
  }): unknown;
};

declare const Deno: {
  serve(
    options: { port?: number },
    handler: (request: Request, info: { remoteAddr: { hostname: string; port: number } }) => Response | Promise<Response>,
  ): unknown;
};
