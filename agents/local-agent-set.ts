/**
 * The offline (`local` tier) agent set: deterministic, free, no network. The router comes from
 * agents/router; everything else is the knowledge-base responder and rule-based agents.
 */
import type { AgentSet, RouterAgent } from '../src/core/agents.js';
import { createLocalEscalationAgent } from './escalation/index.js';
import { createLocalGuardrail, type LocalGuardrailOptions } from './guardrail/index.js';
import { createLocalQaAgent } from './qa/index.js';
import { createLocalSpecialist, type LocalSpecialistOptions } from './specialist/index.js';
import { createLocalSynthesisAgent } from './synthesis/index.js';

/** Dependencies and options for {@link createLocalAgentSet}. */
export interface LocalAgentSetDeps {
  router: RouterAgent;
  /** Guardrail options (default: 4000 characters, default injection threshold). */
  guardrail?: LocalGuardrailOptions;
  /** Specialist options (default: answer locally from a search score of 0.35). */
  specialist?: LocalSpecialistOptions;
}

/** Wire the offline agents into one {@link AgentSet}; `describe()` reports the `local` tier only. */
export function createLocalAgentSet(deps: LocalAgentSetDeps): AgentSet {
  const { router, guardrail, specialist } = deps;
  return {
    guardrail: createLocalGuardrail(guardrail),
    router,
    specialists: {
      technical: createLocalSpecialist('technical', specialist),
      billing: createLocalSpecialist('billing', specialist),
      product: createLocalSpecialist('product', specialist),
    },
    escalation: createLocalEscalationAgent(),
    synthesis: createLocalSynthesisAgent(),
    qa: createLocalQaAgent(),
    describe() {
      return {
        tiers: ['local'],
        models: {
          guardrail: 'local-rules',
          router: 'local-classifier',
          specialist: 'local-kb',
          escalation: 'local-rules',
          synthesis: 'local-templates',
          qa: 'local-rules',
        },
      };
    },
  };
}
