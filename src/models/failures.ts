/**
 * Classify what went wrong with one model call, and decide what to do next
 * (retry the same model, wait for Retry-After, or move to the next model in the chain).
 */
import { SwitchboardError } from '../core/errors.js';

/** Failure kinds recorded in model_calls.error (prefix) and used by the retry policy. */
export type FailureKind = 'rate_limit' | 'timeout' | 'server' | 'client' | 'auth' | 'malformed' | 'network';

/** A classified failure. */
export interface ModelFailure {
  kind: FailureKind;
  message: string;
  status?: number;
  /** From Retry-After / retry-after-ms on a 429 or 503. */
  retryAfterMs?: number;
  /** Usage the server reported before the output was rejected (malformed/invalid output). */
  tokensIn?: number;
  tokensOut?: number;
}

/** Raised by the gateway when a reply does not parse or does not match the schema (code `malformed_output`). */
export class MalformedOutputError extends SwitchboardError {
  constructor(
    message: string,
    readonly tokensIn = 0,
    readonly tokensOut = 0,
  ) {
    super('malformed_output', message, { status: 502, isRetryable: true });
    this.name = 'MalformedOutputError';
  }
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const v = (headers as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
}

/** Parse Retry-After (seconds or HTTP date) or retry-after-ms into milliseconds. */
export function parseRetryAfter(headers: unknown, now = Date.now()): number | undefined {
  const ms = header(headers, 'retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const ra = header(headers, 'retry-after');
  if (!ra) return undefined;
  if (/^\d+(\.\d+)?$/.test(ra.trim())) return Math.max(0, Number(ra) * 1000);
  const date = Date.parse(ra);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Turn anything a LangChain/OpenAI call threw into a {@link ModelFailure}. */
export function classifyFailure(err: unknown): ModelFailure {
  if (err instanceof MalformedOutputError) {
    return { kind: 'malformed', message: err.message, tokensIn: err.tokensIn, tokensOut: err.tokensOut };
  }
  const e = (err ?? {}) as { name?: string; message?: string; status?: number; headers?: unknown; code?: string };
  const message = String(e.message ?? err).slice(0, 500);
  if (err instanceof SyntaxError) return { kind: 'malformed', message };
  const name = e.name ?? '';
  if (name === 'TimeoutError' || name === 'AbortError' || /timed? ?out|aborted/i.test(message)) {
    return { kind: 'timeout', message };
  }
  const status = typeof e.status === 'number' ? e.status : undefined;
  if (status === 429) return { kind: 'rate_limit', status, message, retryAfterMs: parseRetryAfter(e.headers) };
  if (status === 401 || status === 403) return { kind: 'auth', status, message };
  if (status !== undefined && status >= 500) {
    return { kind: 'server', status, message, retryAfterMs: parseRetryAfter(e.headers) };
  }
  if (status !== undefined && status >= 400) return { kind: 'client', status, message };
  if (/json|parse|unexpected token/i.test(message) || name === 'OutputParserException') {
    return { kind: 'malformed', message };
  }
  return { kind: 'network', message };
}

/** What the retry policy does after a failure. */
export type NextStep = { action: 'retry'; waitMs: number } | { action: 'next'; waitMs: number };

/** Options of {@link nextStep}. */
export interface RetryPolicy {
  /** Retries of the same model after a retryable failure (MODEL_MAX_RETRIES). */
  maxRetries: number;
  /** Longest Retry-After honoured; longer waits move on to the next model (MODEL_RETRY_AFTER_MAX_MS). */
  maxRetryAfterMs: number;
  /** Short pause before a retry or before moving on after a bare 429 (MODEL_BACKOFF_MS). */
  backoffMs: number;
}

/**
 * The retry policy: a 429 with Retry-After within the cap waits and retries the same model;
 * a 429 without it backs off briefly then moves to the next model; a 5xx or network error retries
 * the same model after a short backoff; timeouts, auth/client errors and malformed output move on.
 */
export function nextStep(failure: ModelFailure, attempt: number, policy: RetryPolicy): NextStep {
  const retriesLeft = attempt < policy.maxRetries;
  switch (failure.kind) {
    case 'rate_limit':
      if (failure.retryAfterMs !== undefined) {
        if (retriesLeft && failure.retryAfterMs <= policy.maxRetryAfterMs) {
          return { action: 'retry', waitMs: failure.retryAfterMs };
        }
        return { action: 'next', waitMs: 0 };
      }
      return { action: 'next', waitMs: policy.backoffMs };
    case 'server':
    case 'network':
      if (retriesLeft) {
        const wait = Math.min(failure.retryAfterMs ?? policy.backoffMs * 2 ** attempt, policy.maxRetryAfterMs);
        return { action: 'retry', waitMs: wait };
      }
      return { action: 'next', waitMs: 0 };
    default:
      return { action: 'next', waitMs: 0 };
  }
}
