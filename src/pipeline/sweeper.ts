import type { Db } from '../db/db.js';
import type { JobQueue, Logger } from '../runtime/types.js';

/**
 * Recovery after crashes and restarts: re-queue customer messages whose turn never finished and
 * deliveries never sent. Turns and deliveries are idempotent, so a re-queue never duplicates a reply.
 */
export async function sweepOnce(db: Db, queue: JobQueue, log: Logger, options: { olderThanMs?: number } = {}) {
  const olderThan = options.olderThanMs ?? 0;
  // A delivery stuck in 'sending' for a minute belongs to a crashed worker.
  await db.query(
    "UPDATE deliveries SET status = 'pending' WHERE status = 'sending' AND next_attempt_at < now() - interval '60 seconds'",
  );
  const turns = await db.query<{ id: string; conversation_id: string }>(
    `SELECT id, conversation_id FROM messages
     WHERE role = 'customer' AND processed_at IS NULL AND created_at < now() - ($1::int * interval '1 millisecond')
     ORDER BY created_at LIMIT 500`,
    [olderThan],
  );
  for (const t of turns.rows)
    await queue.add('turn', { messageId: t.id, conversationId: t.conversation_id }, { jobId: t.id });
  const deliveries = await db.query<{ id: string; attempts: number }>(
    `SELECT id, attempts FROM deliveries WHERE status = 'pending'
     AND next_attempt_at < now() - ($1::int * interval '1 millisecond') ORDER BY created_at LIMIT 500`,
    [olderThan],
  );
  for (const d of deliveries.rows)
    await queue.add('deliver', { deliveryId: d.id }, { jobId: `${d.id}:s${d.attempts}` });
  if (turns.rows.length || deliveries.rows.length) {
    log.info('recovered unfinished work', { turns: turns.rows.length, deliveries: deliveries.rows.length });
  }
  return { turns: turns.rows.length, deliveries: deliveries.rows.length };
}

/** Sweep now and every `intervalMs` (default 15 s) for work older than the interval. */
export function startSweeper(db: Db, queue: JobQueue, log: Logger, intervalMs = 15_000): () => void {
  void sweepOnce(db, queue, log).catch((err) => log.warn('sweep failed', { err }));
  const timer = setInterval(() => {
    void sweepOnce(db, queue, log, { olderThanMs: intervalMs }).catch((err) => log.warn('sweep failed', { err }));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
