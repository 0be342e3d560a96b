/**
 * Delivery worker: sends outbox rows through the channel adapter exactly once where the platform
 * allows it, honours rate limits (same row, later), backs off on retryable errors.
 */

import { publicMeta } from '../conversations/rows.js';
import type { ChannelAdapter, OutboundMessage } from '../core/index.js';
import { isSwitchboardError, SwitchboardError, sentProgressOf } from '../core/index.js';
import type { JobQueue, Logger } from '../core/services.js';
import type { Db } from '../db/db.js';
import {
  claimDelivery,
  markDeliveryFailed,
  markDeliverySent,
  renewSendLease,
  scheduleDeliveryRetry,
} from './delivery-queries.js';

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

/** Create the `deliver` job handler. */
export function createDeliveryProcessor(deps: {
  db: Db;
  queue: JobQueue;
  log: Logger;
  adapters: Map<string, ChannelAdapter>;
}) {
  const { db, queue, log } = deps;
  return async function deliver(job: { deliveryId: string }): Promise<'sent' | 'skipped' | 'retry' | 'failed'> {
    const row = await claimDelivery(db, job.deliveryId, SEND_LEASE_MS);
    if (!row) return 'skipped';
    const beat = setInterval(() => {
      renewSendLease(db, row.id, SEND_LEASE_MS).catch(() => {});
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
      await markDeliverySent(db, row.id, result.platformMessageIds);
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
      await scheduleDeliveryRetry(db, { deliveryId: row.id, error: message, delayMs, posted });
      await queue.add('deliver', { deliveryId: row.id }, { jobId: `${row.id}:${row.attempts}`, delayMs });
      return 'retry';
    } finally {
      clearInterval(beat);
    }
  };

  async function fail(id: string, error: string) {
    await markDeliveryFailed(db, id, error);
  }
}
