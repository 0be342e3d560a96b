import { isSwitchboardError } from '../core/index.js';
import type { Logger } from '../core/services.js';

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
 * SQLSTATE classes that no retry can fix: 22 data exception (e.g. a NUL byte, bad encoding),
 * 23 integrity constraint violation, 42 syntax error or access rule violation.
 */
const PERMANENT_SQLSTATE = /^(22|23|42)[0-9A-Z]{3}$/;

/** True for failures a retry cannot fix: client errors and permanent database errors (also in `cause`). */
export function isPermanentFailure(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isSwitchboardError(e) && e.status < 500) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && PERMANENT_SQLSTATE.test(code)) return true;
  }
  return false;
}

/**
 * Run `fn`, retrying transient failures (database restarts, connection resets) with exponential
 * backoff. Client errors (SwitchboardError with a 4xx status) and permanent database errors
 * (SQLSTATE classes 22, 23, 42) are not retried.
 */
export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const attempts = options.attempts ?? 5;
  const base = options.baseDelayMs ?? 200;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const clientError = isSwitchboardError(err) && err.status < 500;
      const permanent = !clientError && isPermanentFailure(err);
      if (clientError || permanent || attempt >= attempts) {
        if (permanent)
          options.log.error(`${options.what} failed permanently (not retried)`, { err, ...options.context });
        else if (!clientError)
          options.log.error(`${options.what} failed after ${attempt} attempts`, { err, ...options.context });
        throw err;
      }
      options.log.warn(`${options.what} failed; retrying`, { attempt, err });
      await new Promise((r) => setTimeout(r, base * 2 ** (attempt - 1)));
    }
  }
}
