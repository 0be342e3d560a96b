/**
 * Delivery worker: sends outbox rows through the channel adapter exactly once where the platform
 * allows it, honours rate limits (same row, later), backs off on retryable errors.
 */

import { publicMeta } from '../conversations/rows.js';
import type { ChannelAdapter, OutboundMessage } from '../core/index.js';
import { isSwitchboardError, SwitchboardError, sentProgressOf } from '../core/index.js';
import type { JobQueue, Logger } from '../core/services.js';
import type { Db } from '../db/db.js';

/** Most attempts before a delivery is marked failed. */
export const MAX_DELIVERY_ATTEMPTS = 8;

/**
 * A claimed delivery is 'sending' with `next_attempt_at` as its lease, renewed every third of it
 * while the adapter sends (default 8 s). A sender killed mid-send stops renewing; the sweeper puts
 * the row back to pending once the lease is past (within ~8 s + the sweep interval), and the retry
 * skips chunks already recorded and relies on the platform's idempotency (Discord nonces, widget
 * message ids) for the rest.
 */
export const SEND_LEASE_MS = 8_000;

interface ClaimedDelivery {
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

/** Create the `deliver` job handler. */
export function createDeliveryProcessor(deps: {
  db: Db;
  queue: JobQueue;
  log: Logger;
  adapters: Map<string, ChannelAdapter>;
}) {
  const { db, queue, log } = deps;
  return async function deliver(job: { deliveryId: string }): Promise<'sent' | 'skipped' | 'retry' | 'failed'> {
    const claimed = await db.query<ClaimedDelivery>(
      `WITH d AS (
         UPDATE deliveries SET status = 'sending', attempts = attempts + 1,
           next_attempt_at = now() + ($2::int * interval '1 millisecond')
         WHERE id = $1 AND status = 'pending' AND next_attempt_at <= now() + interval '1 second'
         RETURNING id, attempts, message_id, platform_message_ids)
       SELECT d.id, d.attempts, d.message_id, d.platform_message_ids, m.conversation_id, m.seq, m.role, m.text, m.author_name, m.created_at, m.meta,
              c.channel, c.external_key, c.reply_target
       FROM d JOIN messages m ON m.id = d.message_id JOIN conversations c ON c.id = m.conversation_id`,
      [job.deliveryId, SEND_LEASE_MS],
    );
    const row = claimed.rows[0];
    if (!row) return 'skipped';
    const beat = setInterval(() => {
      db.query(
        `UPDATE deliveries SET next_attempt_at = now() + ($2::int * interval '1 millisecond') WHERE id = $1 AND status = 'sending'`,
        [row.id, SEND_LEASE_MS],
      ).catch(() => {});
    }, SEND_LEASE_MS / 3);
    beat.unref();
    const adapter = deps.adapters.get(row.channel);
    const out: OutboundMessage = {
      channel: row.channel as OutboundMessage['channel'],
      conversationKey: row.external_key,
      messageId: row.message_id,
      conversationId: row.conversation_id,
      text: row.text,
      author: row.role,
      authorName: row.author_name ?? undefined,
      replyTarget: row.reply_target ?? {},
      seq: Number(row.seq),
      createdAt: new Date(row.created_at).toISOString(),
      alreadySent: row.platform_message_ids?.length ? row.platform_message_ids : undefined,
      ...publicMeta(row.role, row.meta),
    };
    try {
      // Another worker process may run this channel (e.g. Slack configured there): retry, then fail.
      if (!adapter) {
        throw new SwitchboardError('channel_not_configured', `no adapter for channel ${row.channel} in this process`, {
          isRetryable: true,
        });
      }
      const result = await adapter.send(out);
      await db.query(
        "UPDATE deliveries SET status = 'sent', sent_at = now(), platform_message_ids = $2, last_error = NULL WHERE id = $1",
        [row.id, result.platformMessageIds],
      );
      return 'sent';
    } catch (err) {
      const retryable = isSwitchboardError(err) ? err.isRetryable : true;
      const message = err instanceof Error ? err.message : String(err);
      if (!retryable || row.attempts >= MAX_DELIVERY_ATTEMPTS) {
        log.error('delivery failed', { deliveryId: row.id, channel: row.channel, err });
        await fail(row.id, message);
        return 'failed';
      }
      const delayMs =
        isSwitchboardError(err) && err.retryAfterMs !== undefined
          ? err.retryAfterMs
          : Math.min(60_000, 250 * 2 ** (row.attempts - 1));
      log.warn('delivery will be retried', { deliveryId: row.id, channel: row.channel, delayMs, err });
      // Chunks of a split reply already posted stay on the row: the retry (any worker) skips them.
      const posted = sentProgressOf(err) ?? row.platform_message_ids ?? [];
      await db.query(
        `UPDATE deliveries SET status = 'pending', last_error = $2, platform_message_ids = $4,
           next_attempt_at = now() + ($3::int * interval '1 millisecond') WHERE id = $1`,
        [row.id, message, delayMs, posted],
      );
      await queue.add('deliver', { deliveryId: row.id }, { jobId: `${row.id}:${row.attempts}`, delayMs });
      return 'retry';
    } finally {
      clearInterval(beat);
    }
  };

  async function fail(id: string, error: string) {
    await db.query("UPDATE deliveries SET status = 'failed', last_error = $2 WHERE id = $1", [id, error]);
  }
}
