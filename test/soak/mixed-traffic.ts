import { randomBytes } from "node:crypto";
import { Agent } from "node:http";
import { SoakBrowser, type Answer } from "./browser.js";
import { SOAK_ORIGIN } from "./soak-process.js";

export const SOAK_PASSWORD = "soak-password-123";

/**
 * Each action of the mix, how often it is picked, and the statuses it may answer. Sign-in and
 * sign-up have tight per-client budgets on the soak server, so 429 is an expected answer there;
 * anything else, and any 5xx, is an error.
 */
const ACTIONS = {
  "get-session": { weight: 30, allowed: [200] },
  "get-session from a passing address": { weight: 6, allowed: [200] },
  "list-device-sessions": { weight: 18, allowed: [200] },
  "sign-in": { weight: 12, allowed: [200, 429] },
  "sign-in with a wrong password": { weight: 4, allowed: [401, 429] },
  "sign-up": { weight: 2, allowed: [200, 429] },
  "set-active": { weight: 14, allowed: [200] },
  revoke: { weight: 6, allowed: [200] },
  "sign-out": { weight: 4, allowed: [200] },
} as const satisfies Record<string, { weight: number; allowed: readonly number[] }>;
export type Action = keyof typeof ACTIONS;
export const ACTION_NAMES = Object.keys(ACTIONS) as Action[];

export interface TrafficResult {
  requests: number;
  /** Answers per action and status. */
  answers: Record<Action, Record<number, number>>;
  /** Answers outside an action's allowed statuses (the first 20). */
  unexpected: Array<{ action: Action; status: number; body: unknown }>;
  unexpectedCount: number;
}

type Entry = { session: { id: string } };

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

function pickAction(): Action {
  const total = ACTION_NAMES.reduce((sum, name) => sum + ACTIONS[name].weight, 0);
  let roll = Math.random() * total;
  for (const name of ACTION_NAMES) {
    roll -= ACTIONS[name].weight;
    if (roll < 0) return name;
  }
  return "get-session";
}

export const uniqueEmail = (tag: string) => `soak-${tag}-${randomBytes(6).toString("hex")}@example.com`;

/**
 * `browsers` cookie jars, each from its own client address, each sending one request at a time
 * from the mix above until `ms` have passed; the users they sign in to are `emails`. The keep-alive
 * agent is destroyed at the end, so the server's connections close.
 */
export async function runMixedTraffic(target: string, emails: readonly string[], options: { browsers: number; ms: number; tag: string }): Promise<TrafficResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.browsers });
  const answers = Object.fromEntries(ACTION_NAMES.map((name) => [name, {}])) as TrafficResult["answers"];
  const result: TrafficResult = { requests: 0, answers, unexpected: [], unexpectedCount: 0 };
  const record = (action: Action, answer: Answer) => {
    result.requests++;
    const byStatus = answers[action];
    byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
    if (!(ACTIONS[action].allowed as readonly number[]).includes(answer.status)) {
      result.unexpectedCount++;
      if (result.unexpected.length < 20) result.unexpected.push({ action, status: answer.status, body: answer.body });
    }
  };
  const deadline = Date.now() + options.ms;

  const browse = async (index: number) => {
    const browser = new SoakBrowser(target, SOAK_ORIGIN, agent, `10.${options.tag === "warm-up" ? 8 : 9}.0.${index + 1}`);
    // Each browser starts with a wrong password, from an address whose sign-in budget is untouched,
    // so the refused password check always runs. Left to the mix, a browser's two sign-ins per
    // 30 s were both right-password ones for all 8 browsers about once in a hundred 10 s soaks.
    record("sign-in with a wrong password", await browser.post("/sign-in/email", { email: pick(emails), password: "not-the-password" }));
    while (Date.now() < deadline) {
      const action = pickAction();
      switch (action) {
        case "get-session":
          record(action, await browser.get("/get-session"));
          break;
        case "list-device-sessions":
          record(action, await browser.get("/multi-session/list-device-sessions"));
          break;
        case "sign-in":
          record(action, await browser.post("/sign-in/email", { email: pick(emails), password: SOAK_PASSWORD }));
          break;
        case "get-session from a passing address": {
          // A cookie-less visitor from one of 256 addresses per browser: the rate limiter holds
          // thousands of keys during the soak, which its windows must let go of.
          const stranger = new SoakBrowser(target, SOAK_ORIGIN, agent, `10.7.${index}.${Math.floor(Math.random() * 256)}`);
          record(action, await stranger.get("/get-session"));
          break;
        }
        case "sign-in with a wrong password":
          record(action, await browser.post("/sign-in/email", { email: pick(emails), password: "not-the-password" }));
          break;
        case "sign-up":
          record(action, await browser.post("/sign-up/email", { name: "Soak", email: uniqueEmail(options.tag), password: SOAK_PASSWORD }));
          break;
        case "set-active":
        case "revoke": {
          const list = await browser.get("/multi-session/list-device-sessions");
          record("list-device-sessions", list);
          const entries = Array.isArray(list.body) ? (list.body as Entry[]) : [];
          if (entries.length === 0) break;
          const path = action === "revoke" ? "/multi-session/revoke" : "/multi-session/set-active";
          record(action, await browser.post(path, { sessionId: pick(entries).session.id }));
          break;
        }
        case "sign-out":
          if (browser.jar.size === 0) break;
          record(action, await browser.post("/sign-out"));
          break;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.browsers }, (_, i) => browse(i)));
  } finally {
    agent.destroy();
  }
  return result;
}
