import type { Db } from '../db/db.js';
import type { JobQueue, Logger } from '../runtime/types.js';

/** Re-queues of one unfinished turn before it is given up. */
export const MAX_TURN_SWEEPS = 5;

/**
 * Recovery after crashes and restarts: re-queue customer messages whose turn never finished and
 * deliveries never sent. Turns and deliveries are idempotent, so a re-queue never duplicates a reply.
 */
export async function sweepOnce(
  db: Db,
  queue: JobQueue,
  log: Logger,
  options: { olderThanMs?: number; turnsOlderThanMs?: number } = {},
) {
  const olderThan = options.olderThanMs ?? 0;
  const turnsOlderThan = options.turnsOlderThanMs ?? olderThan;
  // A delivery stuck in 'sending' for a minute belongs to a crashed worker.
  await db.query(
    "UPDATE deliveries SET status = 'pending' WHERE status = 'sending' AND next_attempt_at < now() - interval '60 seconds'",
  );
  // Each re-queue is counted; a turn that keeps failing is given up after MAX_TURN_SWEEPS (logged),
  // instead of being retried forever.
  const turns = await db.query<{ id: string; conversation_id: string; sweeps: number }>(
    `UPDATE messages SET meta = jsonb_set(meta, '{sweeps}', to_jsonb(COALESCE((meta->>'sweeps')::int, 0) + 1))
     WHERE id IN (
       SELECT id FROM messages
       WHERE role = 'customer' AND processed_at IS NULL AND created_at < now() - ($1::int * interval '1 millisecond')
       ORDER BY created_at LIMIT 500)
     RETURNING id, conversation_id, (meta->>'sweeps')::int AS sweeps`,
    [turnsOlderThan],
  );
  for (const t of turns.rows) {
    if (t.sweeps > MAX_TURN_SWEEPS) {
      log.error('turn keeps failing; giving up (message kept, marked failed)', { messageId: t.id, sweeps: t.sweeps });
      await db.query(`UPDATE messages SET processed_at = now(), meta = meta || '{"turnFailed": true}' WHERE id = $1`, [
        t.id,
      ]);
      continue;
    }
    await queue.add('turn', { messageId: t.id, conversationId: t.conversation_id }, { jobId: `${t.id}:s${t.sweeps}` });
  }
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

/**
 * A turn still unfinished after this long is treated as lost. Model turns can legitimately take
 * tens of seconds (timeouts × fallbacks); re-queueing them early would pay for the models twice.
 */
export const TURN_LOST_AFTER_MS = 120_000;

/**
 * Sweep now and every `intervalMs` (default 15 s). Deliveries are claimed atomically, so any
 * pending one may be re-queued; turns only once they look lost. At start-up an in-process queue
 * has nothing in flight (everything unfinished is from before the restart); with BullMQ other
 * workers may be mid-turn, so the same age limit applies.
 */
export function startSweeper(db: Db, queue: JobQueue, log: Logger, intervalMs = 15_000): () => void {
  const startup = { olderThanMs: 0, turnsOlderThanMs: queue.kind === 'memory' ? 0 : TURN_LOST_AFTER_MS };
  void sweepOnce(db, queue, log, startup).catch((err) => log.warn('sweep failed', { err }));
  const timer = setInterval(() => {
    void sweepOnce(db, queue, log, { olderThanMs: intervalMs, turnsOlderThanMs: TURN_LOST_AFTER_MS }).catch((err) =>
      log.warn('sweep failed', { err }),
    );
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
