/** The input guardrail, declared: prompt injection, jailbreaks, abuse and oversize messages. */
import type { AgentDeclaration } from '../../src/models/agent-declaration.js';
import { createLlmGuardrail, GUARDRAIL_INSTRUCTIONS, llmGuardrailSchema } from './llm.js';
import { createLocalGuardrail, type LocalGuardrailOptions } from './local.js';
import { suspicionScore } from './suspicion.js';

/**
 * Local patterns first; the model guardrail on `policy.guardrailTier` only for messages the patterns
 * let through that still look suspicious (suspicion score at least `policy.guardrailModelAboveSuspicion`).
 * When every model fails, the local verdict stands.
 */
export const guardrailAgent: AgentDeclaration<'guardrail', { guardrail?: LocalGuardrailOptions }> = {
  name: 'guardrail',
  purpose: 'Let genuine support messages through; stop prompt injection, jailbreaks, abuse and oversize input.',
  output: llmGuardrailSchema,
  instructions: () => GUARDRAIL_INSTRUCTIONS,
  local: (deps) => {
    const guardrail = createLocalGuardrail(deps.guardrail);
    return (ctx) => guardrail.check(ctx);
  },
  model: ({ gateway }) => {
    const llm = createLlmGuardrail({ gateway });
    return (ctx, _input, { tier }) => llm.check(ctx, { tier });
  },
  tier: {
    order: 'after-local',
    escalateWhen: (local, { ctx }, policy) =>
      local.allowed && suspicionScore(ctx.text) >= policy.guardrailModelAboveSuspicion ? policy.guardrailTier : null,
  },
};
