import type { HeaderReader } from "../auth/exchange.js";

/**
 * The peer address of each request, recorded by adapters that know it (`kernia/node`). A
 * WeakMap rather than a header, so a client cannot claim an address by sending one.
 */
const peers = new WeakMap<Request, string>();

export function setPeerAddress(request: Request, address: string | undefined): void {
  if (address) peers.set(request, address);
}

/** The peer address `kernia/node` recorded for `request`, if any. */
export function peerAddress(request: Request): string | null {
  return peers.get(request) ?? null;
}

/**
 * The client's address: the peer's (given by the mount, e.g. `auth.handler(request, { ip })`, or
 * recorded by `kernia/node`), or, when the peer is a trusted proxy, the right-most
 * `X-Forwarded-For` entry that is not itself a trusted proxy. `null` when unknown.
 */
export function clientAddress(peer: string | null, headers: HeaderReader, trustedProxies: ReadonlySet<string>): string | null {
  if (peer === null || !trustedProxies.has(peer)) return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  for (let i = forwarded.length - 1; i >= 0; i--) {
    const hop = forwarded[i] as string;
    if (!trustedProxies.has(hop)) return hop;
  }
  return peer;
}
