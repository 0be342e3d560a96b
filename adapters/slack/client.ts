/**
 * Slack Web API client with an explicit policy: no retries inside the SDK (the delivery worker owns
 * retries), 429s rejected immediately with their Retry-After, a per-call timeout. Slack errors are
 * mapped to SwitchboardError codes.
 */
import { webApi } from '@slack/bolt';
import { rateLimited, SwitchboardError } from '../../src/core/index.js';

/** Default per-call timeout (ms). */
export const SLACK_TIMEOUT_MS = 10_000;

/** Options for {@link createSlackWebClient}. */
export interface SlackClientOptions {
  token: string;
  /** Web API base (default https://slack.com/api/); a trailing slash is added when missing. */
  apiUrl?: string;
  timeoutMs?: number;
}

/** WebClient options shared by our client and Bolt's. */
export function slackClientOptions(options: Omit<SlackClientOptions, 'token'>): webApi.WebClientOptions {
  const base = options.apiUrl ?? 'https://slack.com/api/';
  return {
    slackApiUrl: base.endsWith('/') ? base : `${base}/`,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? SLACK_TIMEOUT_MS,
  };
}

/** Create the Web API client used for every call we make. */
export function createSlackWebClient(options: SlackClientOptions): webApi.WebClient {
  return new webApi.WebClient(options.token, slackClientOptions(options));
}

/** Platform errors that will not succeed on retry. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'msg_too_long',
  'no_text',
  'invalid_blocks',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'restricted_action',
  'thread_not_found',
  'cant_update_message',
  'message_not_found',
  'user_not_found',
]);

interface SlackSdkError {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string };
  message?: string;
}

/** Map an error thrown by @slack/web-api to a SwitchboardError (rate_limited, retryable, or permanent). */
export function toSwitchboardError(err: unknown, method: string): SwitchboardError {
  const e = (err ?? {}) as SlackSdkError;
  const msg = `Slack ${method} failed: ${e.message ?? String(err)}`;
  if (e.code === 'slack_webapi_rate_limited_error') {
    return rateLimited(msg, Math.max(1, e.retryAfter ?? 1) * 1000, err);
  }
  if (e.code === 'slack_webapi_platform_error') {
    const code = e.data?.error ?? 'unknown';
    if (code === 'ratelimited') return rateLimited(msg, 1000, err);
    return new SwitchboardError(`slack_${code}`, msg, { status: 502, isRetryable: !PERMANENT.has(code), cause: err });
  }
  if (e.code === 'slack_webapi_http_error') {
    const status = e.statusCode ?? 500;
    return new SwitchboardError('slack_http_error', msg, { status: 502, isRetryable: status >= 500, cause: err });
  }
  // Network errors and timeouts (slack_webapi_request_error) may succeed later.
  return new SwitchboardError('slack_unavailable', msg, { status: 502, isRetryable: true, cause: err });
}

/** Run one Web API call, mapping failures with {@link toSwitchboardError}. */
export async function slackCall<T>(method: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toSwitchboardError(err, method);
  }
}
