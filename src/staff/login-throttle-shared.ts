/**
 * Staff login throttling shared by every process through a limiter store (Redis when REDIS_URL is
 * set; rate-limiter-flexible fixed windows). Same contract as the in-memory throttle: attempts count
 * as failures until settled, an email or client IP over its limit gets 429 `too_many_attempts`
 * with `retryAfterMs` before any password check, and a successful login clears its email's count.
 */
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { SwitchboardError } from '../core/index.js';
import type { LimiterStore } from '../limits/limiter-store.js';
import type { LoginAttempt, LoginThrottle } from './login-throttle.js';

/** Options of {@link createSharedLoginThrottle}. */
export interface SharedLoginThrottleOptions {
  store: LimiterStore;
  /** Failed attempts per email within the window (default 10). */
  maxFailuresPerEmail?: number;
  /** Failed attempts per client IP within the window (default 5 × maxFailuresPerEmail). */
  maxFailuresPerIp?: number;
  /** Window length in ms (default 15 minutes). */
  windowMs?: number;
}

/** Create a login throttle counting in `store` (shared across processes with Redis). */
export function createSharedLoginThrottle(options: SharedLoginThrottleOptions): LoginThrottle {
  const perEmail = options.maxFailuresPerEmail ?? 10;
  const perIp = options.maxFailuresPerIp ?? perEmail * 5;
  const durationS = Math.ceil((options.windowMs ?? 15 * 60_000) / 1000);
  const emails = options.store.limiter({ name: 'login-email', points: perEmail, durationS });
  const ips = options.store.limiter({ name: 'login-ip', points: perIp, durationS });
  const give = (l: RateLimiterAbstract, key: string) =>
    l
      .get(key)
      .then((r) => (r && r.consumedPoints > 0 ? l.reward(key, 1) : undefined))
      .catch(() => {});

  return {
    async begin(email, ip) {
      const normalised = typeof email === 'string' ? email.trim().toLowerCase() : '';
      const keys: [RateLimiterAbstract, string, number][] = [[emails, normalised, perEmail]];
      if (ip) keys.push([ips, ip, perIp]);
      // Count first (atomic increments), then compare: concurrent attempts cannot all slip through.
      const counted = await Promise.all(keys.map(([l, key]) => l.penalty(key, 1)));
      let waitMs = 0;
      counted.forEach((r, i) => {
        if (r.consumedPoints > (keys[i]?.[2] ?? 0)) waitMs = Math.max(waitMs, r.msBeforeNext);
      });
      if (waitMs > 0) {
        for (const [l, key] of keys) void give(l, key); // refused attempts do not count
        const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
        throw new SwitchboardError(
          'too_many_attempts',
          `Too many failed login attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
          { status: 429, retryAfterMs: waitMs },
        );
      }
      let settled = false;
      const attempt: LoginAttempt = {
        success() {
          if (settled) return;
          settled = true;
          void emails.delete(normalised).catch(() => {});
          if (ip) void give(ips, ip);
        },
        discard() {
          if (settled) return;
          settled = true;
          for (const [l, key] of keys) void give(l, key);
        },
      };
      return attempt;
    },
  };
}
