// The retry schedule the core clients (discovery.ts, durable.ts) share, so that every retry
// loop backs off the same way. The Go clients use the same values
// (services/go-processor/internal/backoff): keep the two in step.

/**
 * The schedule: the first retry after BACKOFF_INITIAL_MS, each next one BACKOFF_MULTIPLIER
 * times later, never more than BACKOFF_MAX_MS, each delay moved by up to ±BACKOFF_JITTER of
 * itself so that many clients that lost core at the same moment do not come back in lockstep.
 */
export const BACKOFF_INITIAL_MS = 100;
export const BACKOFF_MULTIPLIER = 1.6;
export const BACKOFF_MAX_MS = 5_000;
export const BACKOFF_JITTER = 0.2;

/** The delays of one retry loop. */
export class Backoff {
  private nextMs = BACKOFF_INITIAL_MS;

  /** The delay before the next attempt; advances the schedule. */
  next(): number {
    const d = this.nextMs;
    this.nextMs = Math.min(this.nextMs * BACKOFF_MULTIPLIER, BACKOFF_MAX_MS);
    return d * (1 + BACKOFF_JITTER * (2 * Math.random() - 1));
  }

  /** Starts again at BACKOFF_INITIAL_MS (after a success). */
  reset(): void {
    this.nextMs = BACKOFF_INITIAL_MS;
  }
}

/**
 * Waits `ms`, or rejects with the signal's reason once `signal` aborts. The timer does not keep
 * the process alive on its own.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    timer.unref();
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
