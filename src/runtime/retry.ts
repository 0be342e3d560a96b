/**
 * The one retry helper: {@link retry} runs a call again after transient failures, with exponential
 * backoff (or the wait a platform asked for), and never retries what its `isRetryable` test calls
 * permanent. {@link withRetry} is its flavour for database writes (logs, permanent SQLSTATEs).
 */
import { isSwitchboardError } from '../core/index.js';
import type { Logger } from '../core/services.js';

/** Options for {@link retry}. */
export interface RetryPolicy {
  /** Attempts in all, the first included (default 5). */
  attempts?: number;
  /** First pause; doubles each attempt (default 200 ms). */
  baseDelayMs?: number;
  /** Longest pause (default 30 s). */
  maxDelayMs?: number;
  /** True when another attempt may succeed (default {@link isTransientFailure}). */
  isRetryable?: (err: unknown) => boolean;
  /** Called before each pause (for logging). */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
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
 * Default retryable test: a SwitchboardError says so itself (`isRetryable`); anything else is
 * retried unless {@link isPermanentFailure} (connection resets, database restarts).
 */
export function isTransientFailure(err: unknown): boolean {
  if (isSwitchboardError(err)) return err.isRetryable;
  return !isPermanentFailure(err);
}

/** Only errors that say they are retryable (platform calls: SwitchboardError with `isRetryable`). */
export function isMarkedRetryable(err: unknown): boolean {
  return isSwitchboardError(err) && err.isRetryable;
}

/**
 * Run `fn`; on a failure `isRetryable` accepts, wait (the error's `retryAfterMs` when it has one,
 * else `baseDelayMs * 2^(attempt-1)`, at most `maxDelayMs`) and try again, up to `attempts` in all.
 * The last error is thrown as is.
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, policy: RetryPolicy = {}): Promise<T> {
  const { attempts = 5, baseDelayMs = 200, maxDelayMs = 30_000, isRetryable = isTransientFailure } = policy;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= attempts || !isRetryable(err)) throw err;
      const asked = isSwitchboardError(err) ? err.retryAfterMs : undefined;
      const delayMs = Math.min(maxDelayMs, asked ?? baseDelayMs * 2 ** (attempt - 1));
      policy.onRetry?.(err, attempt, delayMs);
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
}

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
 * backoff. Client errors (SwitchboardError with a 4xx status) and permanent database errors
 * (SQLSTATE classes 22, 23, 42) are not retried.
 */
export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const attempts = options.attempts ?? 5;
  let tried = 0;
  try {
    return await retry(
      (attempt) => {
        tried = attempt;
        return fn();
      },
      {
        attempts,
        baseDelayMs: options.baseDelayMs ?? 200,
        isRetryable: (err) => !isPermanentFailure(err),
        onRetry: (err, attempt) => options.log.warn(`${options.what} failed; retrying`, { attempt, err }),
      },
    );
  } catch (err) {
    const clientError = isSwitchboardError(err) && err.status < 500;
    if (!clientError && isPermanentFailure(err))
      options.log.error(`${options.what} failed permanently (not retried)`, { err, ...options.context });
    else if (!clientError)
      options.log.error(`${options.what} failed after ${tried} attempts`, { err, ...options.context });
    throw err;
  }
}
