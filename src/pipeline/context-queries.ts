/**
 * Data layer of the agent context: a conversation's recent history since its context reset, and
 * the latest customer message (what the staff AI draft answers).
 */
import type { HistoryTurn } from '../core/index.js';
import type { ConversationRow } from '../core/services.js';
import type { Queryable } from '../db/db.js';

/** A customer message with what the pipeline needs. */
export interface TurnMessage {
  id: string;
  text: string;
  processedAt: Date | null;
  createdAt: Date;
}

/**
 * Recent history since the conversation's context reset (`context_since`: a resolved escalation
 * starts a fresh context), before `before` (oldest first, at most `limit` turns, default 10).
 */
export async function loadHistory(
  db: Queryable,
  conv: ConversationRow,
  before: TurnMessage,
  limit = 10,
): Promise<HistoryTurn[]> {
  const r = await db.query<{ role: HistoryTurn['role']; text: string; meta: Record<string, unknown> | null }>(
    `SELECT role, text, meta FROM (
       SELECT role, text, meta, seq FROM messages
       WHERE conversation_id = $1 AND created_at >= $2 AND created_at <= $3 AND id <> $4
       ORDER BY seq DESC LIMIT $5) h ORDER BY seq`,
    [conv.id, conv.contextSince, before.createdAt, before.id, limit],
  );
  return r.rows.map(({ role, text, meta }) => {
    if (role !== 'bot' || !meta) return { role, text };
    const sources = Array.isArray(meta.citations) ? meta.citations.map(String) : [];
    return { role, text, ...(typeof meta.kind === 'string' ? { kind: meta.kind } : {}), sources };
  });
}

/** The conversation's latest customer message (null when the customer has not written). */
export async function loadLatestCustomerMessage(db: Queryable, conversationId: string): Promise<TurnMessage | null> {
  const r = await db.query<{ id: string; text: string; processed_at: Date | null; created_at: Date }>(
    `SELECT id, text, processed_at, created_at FROM messages
     WHERE conversation_id = $1 AND role = 'customer' ORDER BY seq DESC LIMIT 1`,
    [conversationId],
  );
  const m = r.rows[0];
  return m ? { id: m.id, text: m.text, processedAt: m.processed_at, createdAt: new Date(m.created_at) } : null;
}
