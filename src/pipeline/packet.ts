import type { EscalationPlan, HistoryTurn, RoutingDecision } from '../core/index.js';
import type { ConversationRow } from '../core/services.js';

/** Handoff packet for staff: customer, channel, summary, what was tried, sentiment, reason, priority. */
export function buildPacket(input: {
  conv: ConversationRow;
  history: HistoryTurn[];
  text: string;
  routing: RoutingDecision;
  plan: EscalationPlan;
  draft: { answer?: { citations: string[]; text: string } };
}): Record<string, unknown> {
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
  };
}
