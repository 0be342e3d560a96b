/** A model-only agent set: the naive baseline of `bench --cost` (every agent on one tier, no local tier). */
import { createLlmEscalation } from '../../agents/escalation/llm.js';
import { createLlmGuardrail } from '../../agents/guardrail/llm.js';
import { createLlmQa } from '../../agents/qa/llm.js';
import { createLlmSpecialist } from '../../agents/specialist/llm.js';
import { createLlmSynthesis } from '../../agents/synthesis/llm.js';
import type { AgentSet } from '../core/agents.js';
import type { ModelGateway, ModelTier } from '../models/types.js';
import { createTierRouter } from './tier-router.js';

/** Every agent calls the model at `tier` on every turn (the naive baseline; no local tier). */
export function createModelAgentSet({ gateway, tier }: { gateway: ModelGateway; tier: ModelTier }): AgentSet {
  const specialist = (department: 'technical' | 'billing' | 'product') => {
    const s = createLlmSpecialist({ gateway, department, tier });
    return { department, answer: s.answer.bind(s) };
  };
  const guardrail = createLlmGuardrail({ gateway, tier });
  const synthesis = createLlmSynthesis({ gateway, tier });
  const qa = createLlmQa({ gateway, tier });
  const escalation = createLlmEscalation({ gateway, tier });
  return {
    guardrail: { check: (ctx) => guardrail.check(ctx) },
    router: createTierRouter(gateway, tier),
    specialists: { technical: specialist('technical'), billing: specialist('billing'), product: specialist('product') },
    escalation: { plan: (ctx, routing, hint) => escalation.plan(ctx, routing, hint) },
    synthesis: { compose: (ctx, input) => synthesis.compose(ctx, input) },
    qa: { review: (ctx, input) => qa.review(ctx, input) },
    describe: () => ({ tiers: [tier], models: gateway.models() }),
  };
}
