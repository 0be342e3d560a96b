/**
 * Data layer of knowledge gaps and the learner's read positions: every SQL statement about
 * `kb_gaps`, `learning_state` and `learning_signals` lives here.
 */
import type { Queryable } from '../core/database.js';

/** Why a question counts as a gap. */
export type GapReason = 'uncertain' | 'handoff' | 'declined' | 'not_helpful';

/** A bot reply that may reveal a gap, with the customer question it answered. */
export interface GapCandidate {
  messageId: string;
  conversationId: string;
  text: string;
  kind: string;
  /** Reason of the escalation opened with a hand-off reply (null otherwise). */
  escalationReason: string | null;
  createdAt: Date;
}

/** One recorded gap question. */
export interface GapItem {
  messageId: string;
  conversationId: string;
  text: string;
  reason: GapReason;
  createdAt: Date;
  closedAt: Date | null;
  closedBy: string | null;
}

/** A learner read position (epoch milliseconds of the last row read), 0 when never read. */
export async function readPosition(db: Queryable, name: string): Promise<number> {
  const r = await db.query<{ position: string | number }>('SELECT position FROM learning_state WHERE name = $1', [
    name,
  ]);
  return Number(r.rows[0]?.position ?? 0);
}

/** Store a learner read position. */
export async function writePosition(db: Queryable, name: string, position: number): Promise<void> {
  await db.query(
    `INSERT INTO learning_state (name, position) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET position = GREATEST(learning_state.position, EXCLUDED.position), updated_at = now()`,
    [name, Math.floor(position)],
  );
}

/** Mark a signal learned; false when it was already (so each signal counts once across processes). */
export async function claimSignal(db: Queryable, key: string): Promise<boolean> {
  const r = await db.query('INSERT INTO learning_signals (key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING key', [
    key,
  ]);
  return r.rows.length > 0;
}

/** Bot replies since `sinceMs` (epoch ms) that ended uncertain, hand-off or declined. */
export async function gapCandidatesSince(db: Queryable, sinceMs: number, limit = 500): Promise<GapCandidate[]> {
  const r = await db.query<{
    message_id: string;
    conversation_id: string;
    text: string;
    kind: string;
    escalation_reason: string | null;
    created_at: Date | string;
  }>(
    `SELECT c.id AS message_id, c.conversation_id, c.text, b.meta->>'kind' AS kind, b.created_at,
            (SELECT e.reason FROM escalations e WHERE e.conversation_id = b.conversation_id
               AND e.created_at >= b.created_at - interval '10 seconds' ORDER BY e.created_at LIMIT 1) AS escalation_reason
     FROM messages b JOIN messages c ON c.id = b.reply_to
     WHERE b.role = 'bot' AND b.created_at > to_timestamp($1::double precision / 1000)
       AND b.meta->>'kind' IN ('uncertain', 'handoff', 'declined') AND c.text <> ''
     ORDER BY b.created_at LIMIT $2`,
    [sinceMs, limit],
  );
  return r.rows.map((x) => ({
    messageId: x.message_id,
    conversationId: x.conversation_id,
    text: x.text,
    kind: x.kind,
    escalationReason: x.escalation_reason,
    createdAt: new Date(x.created_at),
  }));
}

/** Record gap questions (a question already recorded is kept as it is). */
export async function insertGaps(
  db: Queryable,
  rows: Array<{ messageId: string; conversationId: string; text: string; reason: GapReason; createdAt: Date }>,
): Promise<number> {
  let n = 0;
  for (const g of rows) {
    const r = await db.query(
      `INSERT INTO kb_gaps (message_id, conversation_id, text, reason, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
      [g.messageId, g.conversationId, g.text, g.reason, g.createdAt],
    );
    n += r.rows.length;
  }
  return n;
}

/** Gap questions of the last `days` days, oldest first. */
export async function loadGapItems(db: Queryable, days: number): Promise<GapItem[]> {
  const r = await db.query<{
    message_id: string;
    conversation_id: string;
    text: string;
    reason: GapReason;
    created_at: Date | string;
    closed_at: Date | string | null;
    closed_by: string | null;
  }>(
    `SELECT message_id, conversation_id, text, reason, created_at, closed_at, closed_by FROM kb_gaps
     WHERE created_at > now() - make_interval(days => $1::int) AND text <> '' ORDER BY created_at, message_id`,
    [days],
  );
  return r.rows.map((x) => ({
    messageId: x.message_id,
    conversationId: x.conversation_id,
    text: x.text,
    reason: x.reason,
    createdAt: new Date(x.created_at),
    closedAt: x.closed_at ? new Date(x.closed_at) : null,
    closedBy: x.closed_by,
  }));
}

/** Close gap questions (by customer message id) with the article that now answers them. */
export async function closeGaps(db: Queryable, messageIds: string[], articleId: string): Promise<number> {
  if (messageIds.length === 0) return 0;
  const r = await db.query(
    `UPDATE kb_gaps SET closed_at = now(), closed_by = $2
     WHERE message_id = ANY($1::uuid[]) AND closed_at IS NULL RETURNING message_id`,
    [messageIds, articleId],
  );
  return r.rows.length;
}
