/** The router, declared: department, complexity, language and sentiment of a customer message. */
import type { RouterAgent } from '../../src/core/agents.js';
import type { AgentDeclaration } from '../../src/models/agent-declaration.js';
import { createLlmRouter, llmRoutingSchema, ROUTER_INSTRUCTIONS } from './llm.js';

/**
 * Local classifier first (the trained router from `deps.router`); the model router on
 * `policy.routerTier` only when the local confidence is below `ROUTER_MODEL_BELOW_CONFIDENCE`.
 * When every model fails, the local decision stands (its reason says so).
 */
export const routerAgent: AgentDeclaration<'router', { router: RouterAgent }> = {
  name: 'router',
  purpose: 'Decide the department, complexity, language and sentiment of a customer message.',
  output: llmRoutingSchema,
  instructions: () => ROUTER_INSTRUCTIONS,
  local:
    ({ router }) =>
    (ctx) =>
      router.route(ctx),
  model: ({ gateway, tierFallback }) => {
    const llm = createLlmRouter({ gateway, tierFallback });
    return (ctx, _input, { tier }) => llm.route(ctx, { tier });
  },
  tier: {
    order: 'after-local',
    escalateWhen: (local, _turn, policy) =>
      local.confidence < policy.routerModelBelowConfidence ? policy.routerTier : null,
    whenModelFails: (local) => ({ ...local, reason: `${local.reason} (model router unavailable)` }),
  },
};
