/**
 * Login throttling for the staff API: failed logins are counted per email and per client IP in a
 * sliding window (in-process memory: each process counts separately). Once either key reaches its
 * limit, further attempts fail fast with 429 `too_many_attempts` and a retry time, before any
 * password check, whether or not the email exists. A successful login clears its email's count.
 */
import { SwitchboardError } from '../core/index.js';

/** Options of {@link createLoginThrottle}. */
export interface LoginThrottleOptions {
  /** Failed attempts per email within the window before logins for it are refused (default 10). */
  maxFailuresPerEmail?: number;
  /** Failed attempts per client IP within the window (default 5 × maxFailuresPerEmail). */
  maxFailuresPerIp?: number;
  /** Sliding window length in ms (default 15 minutes). */
  windowMs?: number;
  /** Most keys remembered; the oldest are forgotten beyond this (default 10,000). */
  maxKeys?: number;
  /** Clock, for tests (default Date.now). */
  now?: () => number;
}

/** One login attempt, counted as a failure unless settled otherwise. */
export interface LoginAttempt {
  /** The password was right: forget the email's failures and this attempt. */
  success(): void;
  /** The attempt failed for another reason than credentials (e.g. database down): do not count it. */
  discard(): void;
}

/** The throttle the login route consults. */
export interface LoginThrottle {
  /**
   * Start an attempt for `email` (any value; normalised like the login) from `ip`. Throws 429
   * `too_many_attempts` (with `retryAfterMs`) when the email or the IP is over its limit; otherwise
   * counts the attempt as a failure until {@link LoginAttempt.success} or `discard` is called.
   */
  begin(email: unknown, ip: string | undefined): LoginAttempt | Promise<LoginAttempt>;
}

/** The in-memory throttle answers synchronously. */
export interface MemoryLoginThrottle extends LoginThrottle {
  begin(email: unknown, ip: string | undefined): LoginAttempt;
}

/** Create an in-memory login throttle (one process; src/staff/login-throttle-shared.ts shares via Redis). */
export function createLoginThrottle(options: LoginThrottleOptions = {}): MemoryLoginThrottle {
  const perEmail = options.maxFailuresPerEmail ?? 10;
  const perIp = options.maxFailuresPerIp ?? perEmail * 5;
  const windowMs = options.windowMs ?? 15 * 60 * 1000;
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;
  /** key -> failure times, oldest first. */
  const failures = new Map<string, number[]>();

  function recent(key: string, t: number): number[] {
    const list = failures.get(key);
    if (!list) return [];
    const kept = list.filter((at) => at > t - windowMs);
    if (kept.length === 0) failures.delete(key);
    else if (kept.length !== list.length) failures.set(key, kept);
    return kept;
  }

  function prune(t: number): void {
    if (failures.size <= maxKeys) return;
    for (const key of [...failures.keys()]) recent(key, t);
    for (const key of failures.keys()) {
      if (failures.size <= maxKeys) break;
      failures.delete(key);
    }
  }

  function remove(key: string, at: number): void {
    const list = failures.get(key);
    const i = list?.lastIndexOf(at) ?? -1;
    if (!list || i < 0) return;
    list.splice(i, 1);
    if (list.length === 0) failures.delete(key);
  }

  return {
    begin(email, ip) {
      const t = now();
      const normalised = typeof email === 'string' ? email.trim().toLowerCase() : '';
      const emailKey = `email:${normalised}`;
      const ipKey = ip ? `ip:${ip}` : undefined;
      const keys: [string, number][] = [[emailKey, perEmail]];
      if (ipKey) keys.push([ipKey, perIp]);
      let waitMs = 0;
      for (const [key, limit] of keys) {
        const list = recent(key, t);
        if (list.length >= limit) waitMs = Math.max(waitMs, (list[list.length - limit] ?? t) + windowMs - t);
      }
      if (waitMs > 0) {
        const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
        throw new SwitchboardError(
          'too_many_attempts',
          `Too many failed login attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
          { status: 429, retryAfterMs: waitMs },
        );
      }
      for (const [key] of keys) {
        const list = failures.get(key) ?? [];
        list.push(t);
        failures.delete(key); // re-insert: most recently used keys survive pruning
        failures.set(key, list);
      }
      prune(t);
      let settled = false;
      return {
        success() {
          if (settled) return;
          settled = true;
          failures.delete(emailKey);
          if (ipKey) remove(ipKey, t);
        },
        discard() {
          if (settled) return;
          settled = true;
          for (const [key] of keys) remove(key, t);
        },
      };
    },
  };
}
