/**
 * Build the platform-neutral handoff packet for an escalation from Postgres: the escalation row,
 * the pipeline's packet JSON (summary, what was tried, sentiment…), the customer, the assignee and
 * the last customer lines.
 */

import type { Escalation } from '../core/services.js';
import type { Db } from '../db/db.js';
import type { HandoffPacket } from './types.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

function triedLines(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).filter(Boolean);
  const s = str(v);
  return s ? [s] : [];
}

/** Load everything a packet shows. */
export async function loadHandoffPacket(db: Db, escalation: Escalation): Promise<HandoffPacket & { maxSeq: number }> {
  const p = escalation.packet ?? {};
  const conv = await db.query<{ channel: string; external_id: string; display_name: string | null }>(
    `SELECT c.channel, cu.external_id, cu.display_name
       FROM conversations c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = $1`,
    [escalation.conversationId],
  );
  const c = conv.rows[0];
  const lines = await db.query<{ text: string; seq: string | number }>(
    `SELECT text, seq FROM messages WHERE conversation_id = $1 AND role = 'customer' ORDER BY seq DESC LIMIT 3`,
    [escalation.conversationId],
  );
  const maxSeq = await db.query<{ max: string | number | null }>(
    'SELECT max(seq) AS max FROM messages WHERE conversation_id = $1',
    [escalation.conversationId],
  );
  let assigneeName: string | undefined;
  if (escalation.assigneeId) {
    const s = await db.query<{ name: string }>('SELECT name FROM staff_users WHERE id = $1', [escalation.assigneeId]);
    assigneeName = s.rows[0]?.name;
  }
  const customerId = c?.external_id ?? 'unknown';
  const packet: HandoffPacket & { maxSeq: number } = {
    escalationId: escalation.id,
    conversationId: escalation.conversationId,
    customerName: c?.display_name || customerId,
    customerId,
    customerChannel: c?.channel ?? str(p.channel) ?? 'unknown',
    summary: escalation.summary || str(p.summary) || '',
    tried: triedLines(p.tried ?? p.whatWasTried),
    sentiment: str(p.sentiment) ?? 'unknown',
    reason: escalation.reason || str(p.reason) || 'other',
    priority: escalation.priority,
    slaDueAt: escalation.firstResponseDueAt,
    status: escalation.status,
    recentCustomerLines: lines.rows.map((r) => r.text).reverse(),
    maxSeq: Number(maxSeq.rows[0]?.max ?? 0),
  };
  if (assigneeName) packet.assigneeName = assigneeName;
  const memory = triedLines(p.memory);
  if (memory.length) packet.memory = memory;
  return packet;
}
