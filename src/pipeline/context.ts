import type { AgentContext, ChannelLimits, HistoryTurn, KnowledgeBase, ModelCallRecorder } from '../core/index.js';
import type { Db } from '../db/db.js';
import type { ConversationRow } from '../runtime/types.js';

/** A customer message with what the pipeline needs. */
export interface TurnMessage {
  id: string;
  text: string;
  processedAt: Date | null;
  createdAt: Date;
}

/** Load the customer message of a turn (null when unknown). */
export async function loadTurnMessage(db: Db, messageId: string): Promise<TurnMessage | null> {
  const r = await db.query<{ id: string; text: string; processed_at: Date | null; created_at: Date; role: string }>(
    'SELECT id, text, processed_at, created_at, role FROM messages WHERE id = $1',
    [messageId],
  );
  const row = r.rows[0];
  if (row?.role !== 'customer') return null;
  return { id: row.id, text: row.text, processedAt: row.processed_at, createdAt: new Date(row.created_at) };
}

/** Recent history since the conversation's context reset, before this message (oldest first). */
export async function loadHistory(
  db: Db,
  conv: ConversationRow,
  before: TurnMessage,
  limit = 10,
): Promise<HistoryTurn[]> {
  const r = await db.query<{ role: HistoryTurn['role']; text: string }>(
    `SELECT role, text FROM (
       SELECT role, text, seq FROM messages
       WHERE conversation_id = $1 AND created_at >= $2 AND created_at <= $3 AND id <> $4
       ORDER BY seq DESC LIMIT $5) h ORDER BY seq`,
    [conv.id, conv.contextSince, before.createdAt, before.id, limit],
  );
  return r.rows;
}

/** Build the agent context of one turn. */
export function buildContext(input: {
  conv: ConversationRow;
  message: TurnMessage;
  history: HistoryTurn[];
  limits: ChannelLimits;
  kb: KnowledgeBase;
  recorder: ModelCallRecorder;
}): AgentContext {
  return {
    conversationId: input.conv.id,
    messageId: input.message.id,
    text: input.message.text,
    history: input.history,
    limits: input.limits,
    kb: input.kb,
    recorder: input.recorder,
  };
}
