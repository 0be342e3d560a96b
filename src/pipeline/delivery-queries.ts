/**
 * Data layer of the delivery worker (src/pipeline/delivery.ts): the outbox row's claim with its send
 * lease, the lease renewal, and the outcome (sent, retry later, failed). Every function takes a
 * {@link Queryable}.
 */
import type { Queryable } from '../db/db.js';

/** A claimed delivery with the message and conversation it sends. */
export interface ClaimedDelivery {
  id: string;
  attempts: number;
  message_id: string;
  platform_message_ids: string[] | null;
  conversation_id: string;
  seq: string;
  role: 'bot' | 'staff' | 'system';
  text: string;
  author_name: string | null;
  created_at: Date;
  channel: string;
  external_key: string;
  reply_target: Record<string, string>;
  meta: Record<string, unknown> | null;
}

/**
 * Claim a pending delivery that is due: mark it 'sending' with a lease of `leaseMs` and count the
 * attempt. Null when it is not pending or not due (sent, failed, or another worker has it).
 */
export async function claimDelivery(
  q: Queryable,
  deliveryId: string,
  leaseMs: number,
): Promise<ClaimedDelivery | null> {
  const r = await q.query<ClaimedDelivery>(
    `WITH d AS (
       UPDATE deliveries SET status = 'sending', attempts = attempts + 1,
         next_attempt_at = now() + ($2::int * interval '1 millisecond')
       WHERE id = $1 AND status = 'pending' AND next_attempt_at <= now() + interval '1 second'
       RETURNING id, attempts, message_id, platform_message_ids)
     SELECT d.id, d.attempts, d.message_id, d.platform_message_ids, m.conversation_id, m.seq, m.role, m.text, m.author_name, m.created_at, m.meta,
            c.channel, c.external_key, c.reply_target
     FROM d JOIN messages m ON m.id = d.message_id JOIN conversations c ON c.id = m.conversation_id`,
    [deliveryId, leaseMs],
  );
  return r.rows[0] ?? null;
}

/** Extend the send lease of a delivery still 'sending'. */
export async function renewSendLease(q: Queryable, deliveryId: string, leaseMs: number): Promise<void> {
  await q.query(
    `UPDATE deliveries SET next_attempt_at = now() + ($2::int * interval '1 millisecond') WHERE id = $1 AND status = 'sending'`,
    [deliveryId, leaseMs],
  );
}

/** Mark a delivery sent with the platform's message ids. */
export async function markDeliverySent(q: Queryable, deliveryId: string, platformMessageIds: string[]): Promise<void> {
  await q.query(
    "UPDATE deliveries SET status = 'sent', sent_at = now(), platform_message_ids = $2, last_error = NULL WHERE id = $1",
    [deliveryId, platformMessageIds],
  );
}

/** Put a delivery back to pending after `delayMs`, keeping the chunks already posted. */
export async function scheduleDeliveryRetry(
  q: Queryable,
  r: { deliveryId: string; error: string; delayMs: number; posted: string[] },
): Promise<void> {
  await q.query(
    `UPDATE deliveries SET status = 'pending', last_error = $2, platform_message_ids = $4,
       next_attempt_at = now() + ($3::int * interval '1 millisecond') WHERE id = $1`,
    [r.deliveryId, r.error, r.delayMs, r.posted],
  );
}

/** Mark a delivery failed for good. */
export async function markDeliveryFailed(q: Queryable, deliveryId: string, error: string): Promise<void> {
  await q.query("UPDATE deliveries SET status = 'failed', last_error = $2 WHERE id = $1", [deliveryId, error]);
}
