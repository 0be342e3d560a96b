import { type ConversationDbRow, toConversation } from '../conversations/rows.js';
import { SwitchboardError } from '../core/errors.js';
import type {
  AgentContext,
  Brand,
  ChannelLimits,
  HistoryTurn,
  KnowledgeBase,
  ModelCallRecorder,
} from '../core/index.js';
import type { ConversationRow } from '../core/services.js';
import type { Db } from '../db/db.js';

/** A customer message with what the pipeline needs. */
export interface TurnMessage {
  id: string;
  text: string;
  processedAt: Date | null;
  createdAt: Date;
}

/** Load the customer message of a turn and its conversation in one query (null when unknown). */
export async function loadTurn(
  db: Db,
  messageId: string,
): Promise<{ message: TurnMessage; conv: ConversationRow } | null> {
  const r = await db.query<
    ConversationDbRow & {
      m_id: string;
      m_text: string;
      m_processed_at: Date | null;
      m_created_at: Date;
      m_role: string;
    }
  >(
    `SELECT c.*, m.id AS m_id, m.text AS m_text, m.processed_at AS m_processed_at, m.created_at AS m_created_at, m.role AS m_role
     FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = $1`,
    [messageId],
  );
  const row = r.rows[0];
  if (row?.m_role !== 'customer') return null;
  return {
    message: { id: row.m_id, text: row.m_text, processedAt: row.m_processed_at, createdAt: new Date(row.m_created_at) },
    conv: toConversation(row),
  };
}

/** Recent history since the conversation's context reset, before this message (oldest first). */
export async function loadHistory(
  db: Db,
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

/**
 * The message a turn answers for a burst (issue 11.1): the latest one, carrying the text of the
 * burst's messages, oldest first, as many of the latest as fit in `maxChars` (default 4000, the
 * guardrail's size limit), so one reply considers all of them.
 */
export function mergeBurst(burst: TurnMessage[], maxChars = 4000): TurnMessage {
  const latest = burst[burst.length - 1];
  if (!latest) throw new SwitchboardError('empty_burst', 'mergeBurst: empty burst');
  const texts: string[] = [];
  let size = 0;
  for (let i = burst.length - 1; i >= 0; i--) {
    const text = burst[i]!.text;
    if (texts.length && size + text.length + 1 > maxChars) break;
    texts.unshift(text);
    size += text.length + 1;
  }
  return { ...latest, text: texts.join('\n') };
}

/** Build the agent context of one turn. */
export function buildContext(input: {
  conv: ConversationRow;
  message: TurnMessage;
  history: HistoryTurn[];
  limits: ChannelLimits;
  kb: KnowledgeBase;
  recorder: ModelCallRecorder;
  brand?: Brand;
}): AgentContext {
  return {
    conversationId: input.conv.id,
    messageId: input.message.id,
    text: input.message.text,
    history: input.history,
    limits: input.limits,
    kb: input.kb,
    recorder: input.recorder,
    ...(input.brand ? { brand: input.brand } : {}),
  };
}
