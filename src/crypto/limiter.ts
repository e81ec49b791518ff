/**
 * Runs at most `concurrency` tasks at once; the rest wait in FIFO order. Used to bound scrypt so
 * that a burst of sign-ins cannot fill libuv's pool and stall session checks.
 */
export function createLimiter(concurrency: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];

  const release = () => {
    running--;
    const next = waiting.shift();
    if (next) next();
  };

  return async (task) => {
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
