/** The escalation planner, declared: reason, priority, handoff summary and the customer's notice. */
import type { AgentDeclaration } from '../../src/models/agent-declaration.js';
import { createLlmEscalation, escalationInstructions, llmEscalationSchema } from './llm.js';
import { createLocalEscalationAgent } from './local.js';

/**
 * Local rules by default; a model plans the handoff only when `policy.escalationTier` names a model
 * tier that is configured. When every model fails, the local plan is used.
 */
export const escalationAgent: AgentDeclaration<'escalation'> = {
  name: 'escalation',
  purpose: 'Plan a handoff to a person: reason, priority, a summary for staff and an honest notice for the customer.',
  output: llmEscalationSchema,
  instructions: (_ctx, { routing, hint }) => escalationInstructions(routing.language, hint),
  local: () => {
    const planner = createLocalEscalationAgent();
    return (ctx, { routing, hint }) => planner.plan(ctx, routing, hint);
  },
  model: ({ gateway }) => {
    const llm = createLlmEscalation({ gateway });
    return (ctx, { routing, hint }, { tier }) => llm.plan(ctx, routing, hint, { tier });
  },
  tier: {
    order: 'before-local',
    escalateWhen: (_turn, policy) => (policy.escalationTier === 'local' ? null : policy.escalationTier),
  },
};
