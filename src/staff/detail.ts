/**
 * The staff view of one escalation: the escalation, its event log, the transcript with routing
 * decisions and QA verdicts, the handoff packet, the conversation/customer/assignee, and the
 * customer's memory of earlier conversations (read live, so a forgotten customer shows none).
 */

import { selectConversationCustomer, selectTranscript } from '../conversations/repo.js';
import { loadConversationStatus } from '../conversations/status.js';
import type { Escalation } from '../core/services.js';
import type { Queryable } from '../db/db.js';
import type { EscalationEvent } from '../escalations/repo.js';
import { type CustomerMemoryRecord, loadCustomerMemory } from '../learning/memory-store.js';
import { staffName, staffNames } from './staff-repo.js';

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
  const [c, msgs, assigneeName] = await Promise.all([
    selectConversationCustomer(db, escalation.conversationId),
    selectTranscript(db, escalation.conversationId, 500),
    escalation.assigneeId ? staffName(db, escalation.assigneeId) : Promise.resolve(undefined),
  ]);
  const memory = c ? await loadCustomerMemory(db, c.customer_id) : null;
  return {
    escalation: { ...escalation, assigneeName: assigneeName ?? null },
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
    transcript: msgs.map((m) => ({
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
  const names = ids.length ? await staffNames(db, ids) : new Map<string, string>();
  return list.map((e) => ({ ...e, assigneeName: e.assigneeId ? (names.get(e.assigneeId) ?? null) : null }));
}
