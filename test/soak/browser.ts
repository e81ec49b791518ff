import { request, type Agent } from "node:http";

/** One answer: its status and parsed JSON body. */
export interface Answer {
  status: number;
  body: unknown;
}

/**
 * A browser for the soak: a cookie jar and a client address (sent as X-Forwarded-For, which the
 * soak server trusts from loopback), over a keep-alive agent the test closes when the load stops.
 */
export class SoakBrowser {
  readonly jar = new Map<string, string>();

  constructor(
    /** Where requests go: `http://127.0.0.1:<port>`. */
    private readonly target: string,
    /** The Origin sent, the server's baseURL. */
    private readonly origin: string,
    private readonly agent: Agent,
    readonly address: string,
  ) {}

  get(path: string): Promise<Answer> {
    return this.send("GET", path);
  }

  post(path: string, body: Record<string, unknown> = {}): Promise<Answer> {
    return this.send("POST", path, body);
  }

  private send(method: string, path: string, body?: Record<string, unknown>): Promise<Answer> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { origin: this.origin, "x-forwarded-for": this.address };
    if (this.jar.size) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
    if (payload !== undefined) headers["content-type"] = "application/json";
    return new Promise((resolve, reject) => {
      const req = request(`${this.target}/api/auth${path}`, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          this.remember(res.headers["set-cookie"] ?? []);
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // kept as text: the test reports it with the status
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      });
      req.on("error", reject);
      req.end(payload);
    });
  }

  private remember(setCookies: readonly string[]): void {
    for (const line of setCookies) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq < 1) continue;
      if (/;\s*Max-Age=0(;|$)/i.test(line)) this.jar.delete(pair.slice(0, eq));
      else this.jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
}
