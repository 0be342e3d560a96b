import { isSwitchboardError } from '../core/index.js';
import type { Logger } from './types.js';

/** Options for {@link withRetry}. */
export interface RetryOptions {
  /** Attempts in all (default 5). */
  attempts?: number;
  /** First pause; doubles each time (default 200 ms: 0.2 + 0.4 + 0.8 + 1.6 s). */
  baseDelayMs?: number;
  what: string;
  log: Logger;
  /** Logged with the final failure so an operator can recover the work by hand. */
  context?: Record<string, unknown>;
}

/**
 * Run `fn`, retrying transient failures (database restarts, connection resets) with exponential
 * backoff. Client errors (SwitchboardError with a 4xx status) are not retried.
 */
export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const attempts = options.attempts ?? 5;
  const base = options.baseDelayMs ?? 200;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const clientError = isSwitchboardError(err) && err.status < 500;
      if (clientError || attempt >= attempts) {
        if (!clientError)
          options.log.error(`${options.what} failed after ${attempt} attempts`, { err, ...options.context });
        throw err;
      }
      options.log.warn(`${options.what} failed; retrying`, { attempt, err });
      await new Promise((r) => setTimeout(r, base * 2 ** (attempt - 1)));
    }
  }
}
