/** Synthesis, declared: one reply in the customer's language, tone and channel format. */
import type { AgentDeclaration } from '../../src/models/agent-declaration.js';
import { createLlmSynthesis, llmReplySchema, synthesisInstructions } from './llm.js';
import { createLocalSynthesisAgent } from './local.js';

/**
 * Local templates by default. A model writes the reply when `policy.synthesis` is `always`, or (the
 * default `non_english`) to turn an English draft the model did not write into a non-English reply.
 * When every model fails, the local reply is used.
 */
export const synthesisAgent: AgentDeclaration<'synthesis'> = {
  name: 'synthesis',
  purpose: "Write one reply in the customer's language and tone, within the channel's limits, adding no facts.",
  output: llmReplySchema,
  instructions: (ctx, input) => synthesisInstructions(ctx.limits, input),
  local: () => {
    const synthesis = createLocalSynthesisAgent();
    return (ctx, input) => synthesis.compose(ctx, input);
  },
  model: ({ gateway }) => {
    const llm = createLlmSynthesis({ gateway });
    return (ctx, input, { tier }) => llm.compose(ctx, input, { tier });
  },
  tier: {
    order: 'before-local',
    escalateWhen({ input }, policy) {
      const modelWroteIt = input.kind === 'answer' && input.answer !== undefined && input.answer.tier !== 'local';
      const wantModel =
        policy.synthesis === 'always' ||
        (policy.synthesis === 'non_english' && input.routing.language !== 'en' && !modelWroteIt);
      return wantModel ? policy.synthesisTier : null;
    },
  },
};
