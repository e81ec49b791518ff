export { multiSession, type MultiSessionOptions } from "./multi-session/index.js";
