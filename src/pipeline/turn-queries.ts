/**
 * Data layer of per-conversation turn order: the turn lease on the conversation row and the burst
 * of customer messages a turn answers (`turn-lease.ts` says why a lease).
 */
import { type ConversationDbRow, toConversation } from '../conversations/rows.js';
import type { ConversationRow } from '../core/services.js';
import type { Queryable } from '../db/db.js';
import type { TurnMessage } from './context.js';

/**
 * Take the conversation's turn lease for `owner` unless another live owner holds it.
 * Returns the conversation row, or null when it is busy (or unknown).
 */
export async function acquireTurnLease(
  db: Queryable,
  conversationId: string,
  owner: string,
  leaseMs: number,
): Promise<ConversationRow | null> {
  const r = await db.query<ConversationDbRow>(
    `UPDATE conversations SET turn_owner = $2, turn_lease_until = now() + ($3::int * interval '1 millisecond')
     WHERE id = $1 AND (turn_owner IS NULL OR turn_lease_until < now())
     RETURNING *`,
    [conversationId, owner, leaseMs],
  );
  return r.rows[0] ? toConversation(r.rows[0]) : null;
}

/** Extend a held lease (heartbeat). False when it is no longer ours (expired and taken). */
export async function renewTurnLease(db: Queryable, conversationId: string, owner: string, leaseMs: number) {
  const r = await db.query(
    `UPDATE conversations SET turn_lease_until = now() + ($3::int * interval '1 millisecond')
     WHERE id = $1 AND turn_owner = $2`,
    [conversationId, owner, leaseMs],
  );
  return r.rowCount > 0;
}

/**
 * Release the lease and say, in the same statement, whether customer messages are still waiting.
 * A message committed before this statement is seen here, so a turn whose job found the lease busy
 * is always picked up by the holder's release (no message waits for the sweeper).
 */
export async function releaseTurnLease(db: Queryable, conversationId: string, owner: string): Promise<boolean> {
  const r = await db.query<{ pending: boolean }>(
    `WITH r AS (
       UPDATE conversations SET turn_owner = NULL, turn_lease_until = NULL WHERE id = $1 AND turn_owner = $2 RETURNING id)
     SELECT EXISTS (SELECT 1 FROM messages WHERE conversation_id = $1 AND role = 'customer' AND processed_at IS NULL) AS pending,
            (SELECT count(*) FROM r) AS released`,
    [conversationId, owner],
  );
  return r.rows[0]?.pending === true;
}

/** True while `owner` still holds the conversation's lease (checked right before writing a reply). */
export async function holdsTurnLease(db: Queryable, conversationId: string, owner: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM conversations WHERE id = $1 AND turn_owner = $2', [conversationId, owner]);
  return r.rowCount > 0;
}

/** Release the leases of these owners (hand back on shutdown); returns how many were held. */
export async function releaseTurnLeases(db: Queryable, owners: string[]): Promise<number> {
  const r = await db.query(
    'UPDATE conversations SET turn_owner = NULL, turn_lease_until = NULL WHERE turn_owner = ANY($1::text[])',
    [owners],
  );
  return r.rowCount;
}

/** Drop every lease (embedded start-up: this process owns the database, older leases are dead). */
export async function releaseAllTurnLeases(db: Queryable): Promise<void> {
  await db.query('UPDATE conversations SET turn_owner = NULL, turn_lease_until = NULL WHERE turn_owner IS NOT NULL');
}

/** The unprocessed customer messages of a conversation, in arrival order (oldest first). */
export async function loadBurst(db: Queryable, conversationId: string, limit = 50): Promise<TurnMessage[]> {
  const r = await db.query<{ id: string; text: string; created_at: Date }>(
    `SELECT id, text, created_at FROM messages
     WHERE conversation_id = $1 AND role = 'customer' AND processed_at IS NULL
     ORDER BY seq LIMIT $2`,
    [conversationId, limit],
  );
  return r.rows.map((m) => ({ id: m.id, text: m.text, processedAt: null, createdAt: new Date(m.created_at) }));
}

/** Mark customer messages processed (a human owns the conversation; merged into another turn). */
export async function markMessagesProcessed(db: Queryable, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await db.query('UPDATE messages SET processed_at = now() WHERE id = ANY($1::uuid[]) AND processed_at IS NULL', [ids]);
}
