/** Data layer of the recovery sweeper (see sweeper.ts). */
import type { Queryable } from '../db/db.js';

/** Advisory-lock key of the sweeper: one process sweeps at a time. */
const SWEEP_LOCK_KEY = 4_242_011;

/** Try the sweeper's transaction-scoped advisory lock; false when another process is sweeping. */
export async function trySweepLock(tx: Queryable): Promise<boolean> {
  const r = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [SWEEP_LOCK_KEY]);
  return r.rows[0]?.ok === true;
}

/**
 * Deliveries claimed by a sender that died: 'sending' past its lease (the sender renews it while it
 * sends) goes back to 'pending'. Returns how many.
 */
export async function reclaimStuckDeliveries(q: Queryable): Promise<number> {
  const r = await q.query(
    "UPDATE deliveries SET status = 'pending', next_attempt_at = now() WHERE status = 'sending' AND next_attempt_at < now()",
  );
  return r.rowCount;
}

/** Oldest unprocessed customer message of each conversation nobody is working on (no live lease). */
export async function unfinishedTurns(
  q: Queryable,
  olderThanMs: number,
  limit = 500,
): Promise<{ id: string; conversation_id: string }[]> {
  const r = await q.query<{ id: string; conversation_id: string }>(
    `SELECT DISTINCT ON (m.conversation_id) m.id, m.conversation_id
     FROM messages m JOIN conversations c ON c.id = m.conversation_id
     WHERE m.role = 'customer' AND m.processed_at IS NULL
       AND m.created_at < now() - ($1::int * interval '1 millisecond')
       AND (c.turn_owner IS NULL OR c.turn_lease_until < now())
     ORDER BY m.conversation_id, m.seq
     LIMIT $2`,
    [olderThanMs, limit],
  );
  return r.rows;
}

/** Count one more re-queue of a message's turn; returns the new count. */
export async function countSweep(q: Queryable, messageId: string): Promise<number> {
  const r = await q.query<{ sweeps: number }>(
    `UPDATE messages SET meta = jsonb_set(meta, '{sweeps}', to_jsonb(COALESCE((meta->>'sweeps')::int, 0) + 1))
     WHERE id = $1 RETURNING (meta->>'sweeps')::int AS sweeps`,
    [messageId],
  );
  return Number(r.rows[0]?.sweeps ?? 0);
}

/** Give up on a turn that keeps failing: processed, flagged `turnFailed` (kept for operators). */
export async function markTurnFailed(q: Queryable, messageId: string): Promise<void> {
  await q.query(`UPDATE messages SET processed_at = now(), meta = meta || '{"turnFailed": true}' WHERE id = $1`, [
    messageId,
  ]);
}

/** Pending deliveries due for at least `olderThanMs`. */
export async function dueDeliveries(
  q: Queryable,
  olderThanMs: number,
  limit = 500,
): Promise<{ id: string; attempts: number }[]> {
  const r = await q.query<{ id: string; attempts: number }>(
    `SELECT id, attempts FROM deliveries WHERE status = 'pending'
     AND next_attempt_at < now() - ($1::int * interval '1 millisecond') ORDER BY created_at LIMIT $2`,
    [olderThanMs, limit],
  );
  return r.rows;
}
