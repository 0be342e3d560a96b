/**
 * Widget identity verification (as Intercom and Chatwoot offer it): the host page's server signs
 * the logged-in user's id, `userHash = hex(HMAC-SHA256(WIDGET_IDENTITY_SECRET, userId))`, and the
 * widget passes `userId` + `userHash` when it opens a session. A verified user is one customer on
 * every device; a forged hash is refused.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { assertValidText, SwitchboardError } from '../core/index.js';

/** hex HMAC-SHA256 of `userId` with `secret` (what the host page's server computes). */
export function identityHash(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId, 'utf8').digest('hex');
}

/**
 * The verified customer id for `userId` + `userHash`, or undefined when no identity was sent or
 * verification is off (no secret). Throws 400 `invalid_identity` for a malformed id and 401
 * `identity_not_verified` for a hash that does not match.
 */
export function verifiedCustomerId(secret: string | undefined, userId: unknown, userHash: unknown): string | undefined {
  if (!secret || userId === undefined || userId === null || userId === '') return undefined;
  if (typeof userId !== 'string' || userId.length > 200)
    throw new SwitchboardError('invalid_identity', 'userId must be a string of at most 200 characters.', {
      status: 400,
    });
  assertValidText(userId, 'userId');
  const want = Buffer.from(identityHash(secret, userId), 'hex');
  const given = typeof userHash === 'string' && /^[0-9a-f]{64}$/i.test(userHash) ? Buffer.from(userHash, 'hex') : null;
  if (!given || !timingSafeEqual(given, want))
    throw new SwitchboardError('identity_not_verified', 'userHash does not match userId (identity verification).', {
      status: 401,
    });
  return `u:${userId}`;
}
