/**
 * Map discord.js REST failures to SwitchboardError: rate limits keep their wait, server errors,
 * timeouts and network failures are retryable, other 4xx are not.
 */
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { rateLimited, SwitchboardError } from '../../src/core/errors.js';

/** Discord JSON error code: a thread already exists for this message. */
export const THREAD_ALREADY_CREATED = 160004;

/** Convert any error thrown by a Discord REST call into a SwitchboardError. */
export function toSwitchboardError(err: unknown, what: string): SwitchboardError {
  if (err instanceof SwitchboardError) return err;
  if (err instanceof RateLimitError) {
    const wait = Math.max(err.retryAfter, err.timeToReset, 1000);
    return rateLimited(`Discord rate limit on ${what} (${err.route})`, wait, err);
  }
  if (err instanceof DiscordAPIError || err instanceof HTTPError) {
    const status = err.status;
    if (status === 429) return rateLimited(`Discord rate limit on ${what}`, 5000, err);
    const retryable = status >= 500 || status === 408;
    const code = retryable ? 'discord_unavailable' : 'discord_rejected';
    return new SwitchboardError(code, `Discord ${what} failed with HTTP ${status}: ${err.message}`, {
      status: 502,
      isRetryable: retryable,
      cause: err,
      details: err instanceof DiscordAPIError ? { discordCode: err.code } : undefined,
    });
  }
  // Timeouts (AbortError), connection refused/reset, DNS: try again later.
  const message = err instanceof Error ? err.message : String(err);
  return new SwitchboardError('discord_unavailable', `Discord ${what} failed: ${message}`, {
    status: 502,
    isRetryable: true,
    cause: err,
  });
}

/** True when `err` is Discord's "thread already created for this message". */
export function isThreadAlreadyCreated(err: unknown): boolean {
  return err instanceof DiscordAPIError && err.code === THREAD_ALREADY_CREATED;
}
