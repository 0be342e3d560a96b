/** Options for {@link SwitchboardError}. */
export interface SwitchboardErrorOptions {
  /** HTTP status when the error reaches an API client (default 500). */
  status?: number;
  /** True when trying again later may succeed (default false). */
  isRetryable?: boolean;
  /** For rate limits: how long the platform asked us to wait. */
  retryAfterMs?: number;
  cause?: unknown;
  details?: Record<string, unknown>;
}

/**
 * The one error type of the project: a stable string `code`, a human message, an HTTP status,
 * whether a retry may help, and the underlying cause.
 */
export class SwitchboardError extends Error {
  readonly code: string;
  readonly status: number;
  readonly isRetryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, options: SwitchboardErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SwitchboardError';
    this.code = code;
    this.status = options.status ?? 500;
    this.isRetryable = options.isRetryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details;
  }

  /** Same as {@link SwitchboardError.isRetryable}. */
  get retryable(): boolean {
    return this.isRetryable;
  }
}

/** 400-class error for bad client input. */
export function badRequest(code: string, message: string, details?: Record<string, unknown>): SwitchboardError {
  return new SwitchboardError(code, message, { status: 400, details });
}

/** Error for a platform asking us to slow down. */
export function rateLimited(message: string, retryAfterMs: number, cause?: unknown): SwitchboardError {
  return new SwitchboardError('rate_limited', message, { status: 429, isRetryable: true, retryAfterMs, cause });
}

/** True when `err` is a SwitchboardError (or looks like one across module copies). */
export function isSwitchboardError(err: unknown): err is SwitchboardError {
  return err instanceof SwitchboardError || (err instanceof Error && err.name === 'SwitchboardError' && 'code' in err);
}

/**
 * Attach the platform ids of the chunks posted before a send failed, so the delivery worker can
 * keep them on the outbox row and the retry posts only the rest (even on another worker).
 */
export function withSentProgress(err: unknown, platformMessageIds: string[]): SwitchboardError {
  if (isSwitchboardError(err)) {
    return new SwitchboardError(err.code, err.message, {
      status: err.status,
      isRetryable: err.isRetryable,
      retryAfterMs: err.retryAfterMs,
      cause: err.cause ?? err,
      details: { ...err.details, platformMessageIds },
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new SwitchboardError('send_failed', message, {
    isRetryable: true,
    cause: err,
    details: { platformMessageIds },
  });
}

/** Platform ids attached by {@link withSentProgress}, if any. */
export function sentProgressOf(err: unknown): string[] | undefined {
  if (!isSwitchboardError(err)) return undefined;
  const ids = err.details?.platformMessageIds;
  return Array.isArray(ids) && ids.every((x) => typeof x === 'string') ? (ids as string[]) : undefined;
}
