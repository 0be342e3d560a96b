/**
 * Recovery (issue 11.2): find work whose job is gone and queue it again, within seconds.
 *
 * Lost work is detected by the queue's state, not by age: an unprocessed customer message is lost
 * when nobody holds its conversation's turn lease (a running turn renews it; a dead worker's lease
 * expires after TURN_LEASE_MS) and no live job (waiting, delayed, active) names its conversation.
 * A turn job found in the queue is left alone however old, so slow model turns are never paid twice.
 * One process sweeps at a time (transaction-scoped advisory lock); the others skip that round.
 */

import type { JobQueue, Logger } from '../core/services.js';
import type { Db, Queryable } from '../db/db.js';
import {
  countSweep,
  dueDeliveries,
  markTurnFailed,
  reclaimStuckDeliveries,
  trySweepLock,
  unfinishedTurns,
} from './sweeper-queries.js';
import { releaseAllTurnLeases } from './turn-queries.js';

/** Re-queues of one unfinished turn before it is given up. */
export const MAX_TURN_SWEEPS = 5;

/** How often the sweeper looks (default 3 s: lost turns and stuck deliveries are retried within ~15 s). */
export const SWEEP_INTERVAL_MS = 3_000;

/** Options for {@link sweepOnce}. */
export interface SweepOptions {
  /** Only deliveries due this long ago (default 0). */
  olderThanMs?: number;
  /**
   * Only messages at least this old (default 2 s): a message stored a moment ago may not have its
   * job in the queue yet (the ingress stores, then enqueues).
   */
  turnsOlderThanMs?: number;
}

/** What one sweep did; `skipped` when another process holds the sweep lock. */
export interface SweepResult {
  turns: number;
  deliveries: number;
  reclaimed: number;
  skipped?: boolean;
}

/**
 * One sweep: stuck deliveries back to pending, lost turns and due deliveries re-queued. Turns and
 * deliveries are idempotent (turn lease + unique reply per message; claimed deliveries), so a
 * re-queue never duplicates a reply.
 */
export async function sweepOnce(
  db: Db,
  queue: JobQueue,
  log: Logger,
  options: SweepOptions = {},
): Promise<SweepResult> {
  return db.transaction(async (tx) => {
    if (!(await trySweepLock(tx))) return { turns: 0, deliveries: 0, reclaimed: 0, skipped: true };
    return sweepLocked(tx, queue, log, options);
  });
}

async function sweepLocked(tx: Queryable, queue: JobQueue, log: Logger, options: SweepOptions): Promise<SweepResult> {
  const reclaimed = await reclaimStuckDeliveries(tx);
  const candidates = await unfinishedTurns(tx, options.turnsOlderThanMs ?? 2_000);
  let turns = 0;
  if (candidates.length) {
    const live = new Set((await queue.pending('turn')).map((p) => p.conversationId));
    for (const t of candidates) {
      if (live.has(t.conversation_id)) continue;
      const sweeps = await countSweep(tx, t.id);
      // A turn that keeps failing is given up after MAX_TURN_SWEEPS (logged), not retried forever.
      if (sweeps > MAX_TURN_SWEEPS) {
        log.error('turn keeps failing; giving up (message kept, marked failed)', { messageId: t.id, sweeps });
        await markTurnFailed(tx, t.id);
        continue;
      }
      await queue.add('turn', { messageId: t.id, conversationId: t.conversation_id }, { jobId: `${t.id}:s${sweeps}` });
      turns++;
    }
  }
  const due = await dueDeliveries(tx, options.olderThanMs ?? 0);
  let deliveries = 0;
  if (due.length) {
    const live = new Set((await queue.pending('deliver')).map((p) => p.deliveryId));
    for (const d of due) {
      if (live.has(d.id)) continue;
      await queue.add('deliver', { deliveryId: d.id }, { jobId: `${d.id}:s${d.attempts}` });
      deliveries++;
    }
  }
  if (turns || deliveries || reclaimed) log.info('recovered unfinished work', { turns, deliveries, reclaimed });
  return { turns, deliveries, reclaimed };
}

/**
 * Sweep now and every `intervalMs`. In embedded mode (in-process queue) this process owns the
 * database, so turn leases left by a previous run are dropped first. Returns a stop function.
 */
export function startSweeper(db: Db, queue: JobQueue, log: Logger, intervalMs = SWEEP_INTERVAL_MS): () => void {
  let running = false;
  const tick = async (first: boolean) => {
    if (running) return;
    running = true;
    try {
      if (first && queue.kind === 'memory') await releaseAllTurnLeases(db);
      await sweepOnce(db, queue, log, first && queue.kind === 'memory' ? { turnsOlderThanMs: 0 } : {});
    } catch (err) {
      log.warn('sweep failed', { err });
    } finally {
      running = false;
    }
  };
  void tick(true);
  const timer = setInterval(() => void tick(false), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
