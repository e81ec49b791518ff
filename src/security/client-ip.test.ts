import { describe, expect, test } from "vitest";
import { clientAddress as addressOf, peerAddress, setPeerAddress } from "./client-ip.js";

/** The client address of a `Request` as the handler reads it. */
const clientAddress = (request: Request, trusted: ReadonlySet<string>) => addressOf(peerAddress(request), request.headers, trusted);

const request = (peer: string | undefined, forwardedFor?: string) => {
  const r = new Request("http://localhost/", forwardedFor ? { headers: { "x-forwarded-for": forwardedFor } } : {});
  setPeerAddress(r, peer);
  return r;
};

describe("clientAddress", () => {
  test("is the peer address, and null when no adapter recorded one", () => {
    expect(clientAddress(request("198.51.100.7"), new Set())).toBe("198.51.100.7");
    expect(clientAddress(request(undefined), new Set())).toBeNull();
  });

  test("X-Forwarded-For from an untrusted peer is ignored (a client cannot pick its rate-limit key)", () => {
    expect(clientAddress(request("198.51.100.7", "203.0.113.1"), new Set())).toBe("198.51.100.7");
    expect(clientAddress(request(undefined, "203.0.113.1"), new Set(["10.0.0.1"]))).toBeNull();
  });

  test("behind trusted proxies: the right-most forwarded hop that is not a proxy", () => {
    const proxies = new Set(["10.0.0.1", "10.0.0.2"]);
    expect(clientAddress(request("10.0.0.1", "203.0.113.1"), proxies)).toBe("203.0.113.1");
    expect(clientAddress(request("10.0.0.1", "6.6.6.6, 203.0.113.1, 10.0.0.2"), proxies)).toBe("203.0.113.1");
    expect(clientAddress(request("10.0.0.1", "10.0.0.2"), proxies)).toBe("10.0.0.1");
    expect(clientAddress(request("10.0.0.1", " , "), proxies)).toBe("10.0.0.1");
  });
});
