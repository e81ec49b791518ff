export interface LimiterOptions {
  /** Tasks allowed to wait for a slot; past it a call is refused at once. Default unbounded. */
  queueLimit?: number;
  /** The error a refused call rejects with. */
  onQueueFull?: () => Error;
}

/**
 * Runs at most `concurrency` tasks at once; the rest wait in FIFO order, at most `queueLimit` of
 * them. Used to bound scrypt so that a burst of sign-ins cannot fill libuv's pool and stall
 * session checks, nor pile up waiters (each holding a request, its body and a socket) without end.
 *
 * @example
 * const limit = createLimiter(2, { queueLimit: 128, onQueueFull: () => new Error("busy") });
 * const key = await limit(() => derive(password, salt));
 */
export function createLimiter(concurrency: number, options: LimiterOptions = {}): <T>(task: () => Promise<T>) => Promise<T> {
  const queueLimit = options.queueLimit ?? Number.POSITIVE_INFINITY;
  let running = 0;
  const waiting: Array<() => void> = [];

  // A finishing task hands its slot straight to the next waiter, so a caller arriving before that
  // waiter resumes cannot take the slot too and run one task over `concurrency`.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };

  return async (task) => {
    if (running < concurrency) running++;
    else {
      // Refused before the task starts, so the caller has done none of its work.
      if (waiting.length >= queueLimit) throw options.onQueueFull?.() ?? new Error("limiter: too many tasks waiting");
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      release();
    }
  };
}
