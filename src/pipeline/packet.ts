import type { CustomerMemory, EscalationPlan, HistoryTurn, RoutingDecision } from '../core/index.js';
import type { ConversationRow } from '../core/services.js';
import { memoryLines } from '../learning/memory-store.js';

/**
 * Handoff packet for staff: customer, channel, summary, what was tried, sentiment, reason, priority,
 * and the customer's memory of earlier conversations (`memory`: short lines, this conversation's
 * own answers left out).
 */
export function buildPacket(input: {
  conv: ConversationRow;
  history: HistoryTurn[];
  text: string;
  routing: RoutingDecision;
  plan: EscalationPlan;
  draft: { answer?: { citations: string[]; text: string } };
  memory?: CustomerMemory;
}): Record<string, unknown> {
  const memory = input.memory
    ? memoryLines({ ...input.memory, topics: input.memory.topics.filter((t) => t.conversationId !== input.conv.id) })
    : [];
  const tried = input.history.filter((h) => h.role === 'bot').map((h) => h.text.slice(0, 200));
  if (input.draft.answer) tried.push(`Draft answer (${input.draft.answer.citations.join(', ') || 'no sources'})`);
  return {
    customer: { id: input.conv.customerId, channel: input.conv.channel, key: input.conv.externalKey },
    channel: input.conv.channel,
    lastMessage: input.text.slice(0, 1000),
    summary: input.plan.summary,
    tried,
    sentiment: input.routing.sentiment,
    reason: input.plan.reason,
    priority: input.plan.priority,
    routing: {
      department: input.routing.department,
      confidence: input.routing.confidence,
      reason: input.routing.reason,
    },
    ...(memory.length ? { memory } : {}),
  };
}
