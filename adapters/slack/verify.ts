/**
 * Slack request checks that run before Bolt: the request timestamp must be within 5 minutes of now
 * in BOTH directions (Bolt rejects only old timestamps), and the signature helper used by tests and
 * by anyone verifying outside Bolt.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's replay window (seconds). */
export const SLACK_MAX_SKEW_SECONDS = 300;

/** Minimal request/response shapes (kept structural; express satisfies them). */
interface Req {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}
interface Res {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

/** True when `timestamp` (Unix seconds, as sent in X-Slack-Request-Timestamp) is within the window. */
export function isFreshSlackTimestamp(timestamp: string | undefined, nowMs = Date.now()): boolean {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) <= SLACK_MAX_SKEW_SECONDS;
}

/** Compute Slack's v0 signature for a raw body. */
export function slackSignature(signingSecret: string, timestamp: string, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** Constant-time check of a v0 signature (with the timestamp window). */
export function verifySlackSignature(
  signingSecret: string,
  headers: { timestamp?: string; signature?: string },
  body: string,
  nowMs = Date.now(),
): boolean {
  if (!isFreshSlackTimestamp(headers.timestamp, nowMs) || !headers.signature) return false;
  const expected = Buffer.from(slackSignature(signingSecret, headers.timestamp as string, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Middleware rejecting (401, JSON error) POSTs to `paths` whose X-Slack-Request-Timestamp is
 * missing, malformed, older than 5 minutes or more than 5 minutes in the future. Bolt checks the
 * HMAC afterwards.
 */
export function createTimestampGuard(paths: string[]) {
  const guarded = new Set(paths);
  return (req: Req, res: Res, next: (err?: unknown) => void): void => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (req.method !== 'POST' || !guarded.has(path)) {
      next();
      return;
    }
    const raw = req.headers['x-slack-request-timestamp'];
    const ts = Array.isArray(raw) ? raw[0] : raw;
    if (isFreshSlackTimestamp(ts)) {
      next();
      return;
    }
    res.statusCode = 401;
    res.setHeader('Content-Type', 'application/json');
    res.end(
      JSON.stringify({ error: { code: 'invalid_signature', message: 'Stale or missing Slack request timestamp.' } }),
    );
  };
}
