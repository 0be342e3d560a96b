/**
 * AI-suggested draft for staff: the worker's own decision step (src/pipeline/decide.ts) on the
 * conversation's latest customer message, with the runtime's knowledge base and recorder and the
 * worker's context loader (history since the context reset), answered by the escalation's
 * department (or the router's choice) and never handed off — a person already has it. The agent
 * edits the draft before sending; it is never sent by itself.
 */
import { type RoutingDecision, SwitchboardError } from '../core/index.js';
import type { Escalation } from '../core/services.js';
import { contextSources, loadContext, type TurnMessage } from '../pipeline/context.js';
import { loadLatestCustomerMessage } from '../pipeline/context-queries.js';
import { decide } from '../pipeline/decide.js';
import type { Runtime } from '../runtime/runtime.js';

/** Result of {@link suggestDraft}. */
export interface DraftResult {
  text: string;
  department: 'technical' | 'billing' | 'product';
  citations: string[];
  grounding: number;
  tier: string;
  /** The customer message the draft answers (null when the customer has not written). */
  messageId: string | null;
}

const SPECIALISTS = ['technical', 'billing', 'product'] as const;
type SpecialistName = (typeof SPECIALISTS)[number];
const isSpecialist = (v: unknown): v is SpecialistName => SPECIALISTS.includes(v as SpecialistName);

/** The escalation's department, else the router's, else product. */
const draftDepartment = (escalation: Escalation, routing: RoutingDecision): SpecialistName =>
  isSpecialist(escalation.department)
    ? escalation.department
    : isSpecialist(routing.department)
      ? routing.department
      : 'product';

/** Suggest a reply draft for an escalation. Throws when the agents fail (the route answers 503). */
export async function suggestDraft(runtime: Runtime, escalation: Escalation): Promise<DraftResult> {
  const conv = await runtime.conversations.get(escalation.conversationId);
  if (!conv) throw new SwitchboardError('not_found', 'conversation not found', { status: 404 });
  const last = await loadLatestCustomerMessage(runtime.db, conv.id);
  // Nothing from the customer yet: draft from the escalation's summary.
  const message: TurnMessage = last ?? {
    id: escalation.id,
    text: escalation.summary,
    processedAt: null,
    createdAt: new Date(),
  };
  const { ctx } = await loadContext(contextSources(runtime), conv, message);
  let department: SpecialistName = 'product';
  const d = await decide(runtime.agents, ctx, {
    handOff: false,
    scope: async (_, routing) => {
      department = draftDepartment(escalation, routing);
      return { route: 'specialist', department };
    },
  });
  const answer = d.draft.answer;
  return {
    text: d.text,
    department,
    citations: answer?.citations ?? [],
    grounding: answer?.grounding ?? 0,
    tier: answer?.tier ?? d.draft.tiers.at(-1) ?? 'local',
    messageId: last?.id ?? null,
  };
}
