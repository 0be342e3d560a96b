/**
 * The staff view of one escalation: the escalation, its event log, the transcript with routing
 * decisions and QA verdicts, the handoff packet, the conversation/customer/assignee, and the
 * customer's memory of earlier conversations (read live, so a forgotten customer shows none).
 */

import { loadConversationStatus } from '../conversations/status.js';
import type { Escalation } from '../core/services.js';
import type { Queryable } from '../db/db.js';
import type { EscalationEvent } from '../escalations/repo.js';
import { type CustomerMemoryRecord, loadCustomerMemory } from '../learning/memory-store.js';

/** One transcript line as staff see it (includes internal routing and QA data). */
export interface StaffTranscriptMessage {
  id: string;
  seq: number;
  role: 'customer' | 'bot' | 'staff' | 'system';
  text: string;
  authorName: string | null;
  routing: unknown;
  qa: unknown;
  createdAt: string;
}

/** Result of {@link loadEscalationDetail}. */
export interface EscalationDetail {
  escalation: Escalation & { assigneeName: string | null };
  events: EscalationEvent[];
  packet: Record<string, unknown>;
  conversation: { id: string; channel: string; status: string; customerName: string | null; customerId: string };
  transcript: StaffTranscriptMessage[];
  /** The customer's memory (past topics, escalations, preferences, language); null when unknown. */
  memory: CustomerMemoryRecord | null;
}

/** Load everything the console shows for one escalation. */
export async function loadEscalationDetail(
  db: Queryable,
  escalation: Escalation,
  events: EscalationEvent[],
): Promise<EscalationDetail> {
  const [conv, msgs, assignee] = await Promise.all([
    db.query<{
      id: string;
      channel: string;
      status: string;
      display_name: string | null;
      external_id: string;
      customer_id: string;
    }>(
      `SELECT c.id, c.channel, c.status, c.customer_id, cu.display_name, cu.external_id
       FROM conversations c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = $1`,
      [escalation.conversationId],
    ),
    db.query<{
      id: string;
      seq: string | number;
      role: StaffTranscriptMessage['role'];
      text: string;
      author_name: string | null;
      routing: unknown;
      qa: unknown;
      created_at: Date | string;
    }>(
      `SELECT id, seq, role, text, author_name, routing, qa, created_at FROM (
         SELECT * FROM messages WHERE conversation_id = $1 ORDER BY seq DESC LIMIT 500) m ORDER BY seq`,
      [escalation.conversationId],
    ),
    escalation.assigneeId
      ? db.query<{ name: string }>('SELECT name FROM staff_users WHERE id = $1', [escalation.assigneeId])
      : Promise.resolve({ rows: [] as { name: string }[], rowCount: 0 }),
  ]);
  const c = conv.rows[0];
  const memory = c ? await loadCustomerMemory(db, c.customer_id) : null;
  return {
    escalation: { ...escalation, assigneeName: assignee.rows[0]?.name ?? null },
    events,
    packet: escalation.packet,
    conversation: {
      id: escalation.conversationId,
      channel: c?.channel ?? 'unknown',
      // The public vocabulary (bot | waiting_human | human | resolved), as the customer sees it.
      status: (await loadConversationStatus(db, escalation.conversationId)) ?? c?.status ?? 'unknown',
      customerName: c?.display_name ?? null,
      customerId: c?.external_id ?? '',
    },
    transcript: msgs.rows.map((m) => ({
      id: m.id,
      seq: Number(m.seq),
      role: m.role,
      text: m.text,
      authorName: m.author_name,
      routing: m.routing ?? null,
      qa: m.qa ?? null,
      createdAt: new Date(m.created_at).toISOString(),
    })),
    memory,
  };
}

/** Add assignee names to a list of escalations (one query). */
export async function withAssigneeNames(
  db: Queryable,
  list: Escalation[],
): Promise<(Escalation & { assigneeName: string | null })[]> {
  const ids = [...new Set(list.map((e) => e.assigneeId).filter((v): v is string => !!v))];
  const names = new Map<string, string>();
  if (ids.length) {
    const r = await db.query<{ id: string; name: string }>(
      'SELECT id, name FROM staff_users WHERE id = ANY($1::uuid[])',
      [ids],
    );
    for (const row of r.rows) names.set(row.id, row.name);
  }
  return list.map((e) => ({ ...e, assigneeName: e.assigneeId ? (names.get(e.assigneeId) ?? null) : null }));
}
