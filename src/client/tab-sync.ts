/**
 * Tells other tabs of the same origin that the session changed, so none keeps showing a stale
 * account. Uses a `BroadcastChannel`, or `localStorage` `storage` events where that is missing
 * (older Safari). Messages carry no session data, only that something changed: receivers refetch.
 *
 * @module
 */

/**
 * What a tab did to the session.
 *
 * @example
 * ```ts
 * const reason: SessionChangeReason = "switch";
 * ```
 */
export type SessionChangeReason = "sign-in" | "sign-up" | "sign-out" | "switch" | "revoke";

/**
 * A message between tabs.
 *
 * @example
 * ```ts
 * const message: TabMessage = { type: "session-changed", reason: "sign-out", sender: "3f9a…", at: Date.now() };
 * ```
 */
export interface TabMessage {
  type: "session-changed";
  reason: SessionChangeReason;
  /** Random per client instance, so a tab never reacts to its own message. */
  sender: string;
  /** Makes every `localStorage` write a change, which is what fires `storage` events. */
  at: number;
}

/**
 * A cross-tab channel.
 *
 * @example
 * ```ts
 * const sync = createTabSync();
 * const stop = sync.subscribe((message) => console.log("another tab did", message.reason));
 * sync.post("switch");
 * ```
 */
export interface TabSync {
  post(reason: SessionChangeReason): void;
  subscribe(listener: (message: TabMessage) => void): () => void;
  close(): void;
}

/**
 * The channel (and `localStorage` key) every Kernia client talks on.
 *
 * @example
 * ```ts
 * new BroadcastChannel(TAB_CHANNEL_NAME).onmessage = (event) => console.log(event.data);
 * ```
 */
export const TAB_CHANNEL_NAME = "kernia-auth";

const REASONS: ReadonlySet<string> = new Set(["sign-in", "sign-up", "sign-out", "switch", "revoke"]);

function asMessage(value: unknown): TabMessage | null {
  if (typeof value !== "object" || value === null) return null;
  const { type, reason, sender, at } = value as Record<string, unknown>;
  if (type !== "session-changed" || typeof reason !== "string" || !REASONS.has(reason)) return null;
  if (typeof sender !== "string" || typeof at !== "number") return null;
  return { type, reason: reason as SessionChangeReason, sender, at };
}

function randomId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

interface Transport {
  send(message: TabMessage): void;
  close(): void;
}

function broadcastTransport(name: string, receive: (data: unknown) => void): Transport {
  const channel = new BroadcastChannel(name);
  channel.onmessage = (event: MessageEvent<unknown>) => receive(event.data);
  // Node's BroadcastChannel keeps the process alive; a client must never do that.
  const unref = (channel as { unref?: () => void }).unref;
  if (typeof unref === "function") unref.call(channel);
  return {
    send: (message) => channel.postMessage(message),
    close: () => channel.close(),
  };
}

function storageTransport(name: string, receive: (data: unknown) => void): Transport | null {
  if (typeof window === "undefined" || typeof window.addEventListener !== "function") return null;
  const onStorage = (event: StorageEvent) => {
    if (event.key !== name || !event.newValue) return;
    try {
      receive(JSON.parse(event.newValue));
    } catch {
      // Another script wrote garbage under our key; nothing to act on.
    }
  };
  window.addEventListener("storage", onStorage);
  return {
    send: (message) => {
      try {
        window.localStorage.setItem(name, JSON.stringify(message));
      } catch {
        // Storage disabled or full: other tabs catch up on their next focus refetch.
      }
    },
    close: () => window.removeEventListener("storage", onStorage),
  };
}

/**
 * Opens the cross-tab channel lazily, on the first `post` or `subscribe`, so importing or
 * creating a client on a server opens nothing.
 *
 * @example
 * ```ts
 * const sync = createTabSync();
 * sync.subscribe(() => void sessionStore.refetch());
 * ```
 */
export function createTabSync(name: string = TAB_CHANNEL_NAME): TabSync {
  const sender = randomId();
  const listeners = new Set<(message: TabMessage) => void>();
  let transport: Transport | null | undefined;

  const receive = (data: unknown) => {
    const message = asMessage(data);
    if (!message || message.sender === sender) return;
    for (const listener of [...listeners]) listener(message);
  };

  const open = (): Transport | null => {
    if (transport === undefined) {
      transport =
        typeof BroadcastChannel === "function" ? broadcastTransport(name, receive) : storageTransport(name, receive);
    }
    return transport;
  };

  return {
    post(reason) {
      open()?.send({ type: "session-changed", reason, sender, at: Date.now() });
    },
    subscribe(listener) {
      open();
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      transport?.close();
      transport = null;
      listeners.clear();
    },
  };
}
