import { connect } from "node:net";

/** An HTTP answer read off a raw socket. */
export interface RawResponse {
  status: number;
  /** Lower-case names, every line of a repeated header. */
  headers: Map<string, string[]>;
  body: string;
}

/** The body of a `Transfer-Encoding: chunked` payload. */
function unchunk(payload: string): string {
  let body = "";
  let at = 0;
  for (;;) {
    const eol = payload.indexOf("\r\n", at);
    const size = parseInt(payload.slice(at, eol), 16);
    if (!size) return body;
    body += payload.slice(eol + 2, eol + 2 + size);
    at = eol + 2 + size + 2;
  }
}

/**
 * Sends `head` (request line and headers, without the blank line) and `body` exactly as written
 * to 127.0.0.1:`port`, for requests `fetch` will not send (a bad Host, an odd target), and reads
 * the answer.
 */
export function rawHttp(port: number, head: string[], body = ""): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const split = text.indexOf("\r\n\r\n");
      const [statusLine = "", ...lines] = text.slice(0, split).split("\r\n");
      const headers = new Map<string, string[]>();
      for (const line of lines) {
        const colon = line.indexOf(":");
        const name = line.slice(0, colon).trim().toLowerCase();
        headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
      }
      const payload = text.slice(split + 4);
      const chunked = headers.get("transfer-encoding")?.[0] === "chunked";
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: chunked ? unchunk(payload) : payload });
    });
    const length = Buffer.byteLength(body);
    const extra = body ? [`Content-Length: ${length}`, "Content-Type: application/json"] : [];
    // write, not end: a half-closed socket may be dropped before the answer is sent
    socket.write([...head, ...extra, "Connection: close", "", body].join("\r\n"));
  });
}
