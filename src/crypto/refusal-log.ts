/** How often a repeated refusal is logged at most. */
export const REFUSAL_LOG_INTERVAL_MS = 60_000;

export interface RefusalLogMessages {
  /** The line for the first refusal after a quiet interval. */
  first: string;
  /** The line for `count` refusals made during the last interval after the first was logged. */
  since: (count: number, seconds: number) => string;
}

/**
 * Logs a refusal that a flood repeats thousands of times a second without flooding the log: the
 * first refusal at once, then, at the end of each interval that saw more, one line with their
 * count. A quiet interval resets it. The timer is unref'd, so it never keeps a process alive.
 *
 * @example
 * const refused = refusalLog(console, { first: "kernia: queue full", since: (n, s) => `kernia: ${n} more in ${s} s` });
 * refused(); // logs "kernia: queue full"
 * refused(); // counted; logged with the others a minute after the first
 */
export function refusalLog(logger: Pick<Console, "error">, messages: RefusalLogMessages, intervalMs = REFUSAL_LOG_INTERVAL_MS): () => void {
  let counted = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    timer = setTimeout(flush, intervalMs);
    timer.unref?.();
  };
  const flush = () => {
    timer = undefined;
    if (counted === 0) return;
    logger.error(messages.since(counted, Math.round(intervalMs / 1000)));
    counted = 0;
    arm();
  };
  return () => {
    if (timer) {
      counted++;
      return;
    }
    logger.error(messages.first);
    arm();
  };
}
