/**
 * Build the platform-neutral handoff packet for an escalation from Postgres: the escalation row,
 * the pipeline's packet JSON (summary, what was tried, sentiment…), the customer, the assignee and
 * the last customer lines.
 */

import { latestSeq, recentCustomerTexts, selectConversationCustomer } from '../conversations/repo.js';
import type { Escalation } from '../core/services.js';
import type { Db } from '../db/db.js';
import { staffName } from '../staff/staff-repo.js';
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
  const c = await selectConversationCustomer(db, escalation.conversationId);
  const lines = await recentCustomerTexts(db, escalation.conversationId, 3);
  const maxSeq = await latestSeq(db, escalation.conversationId);
  const assigneeName = escalation.assigneeId ? await staffName(db, escalation.assigneeId) : undefined;
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
    recentCustomerLines: lines.reverse(),
    maxSeq,
  };
  if (assigneeName) packet.assigneeName = assigneeName;
  const memory = triedLines(p.memory);
  if (memory.length) packet.memory = memory;
  return packet;
}
