/** QA, declared: every reply is reviewed before it is sent (approve, revise or escalate). */
import type { KbArticle, KnowledgeBase } from '../../src/core/agents.js';
import { isSwitchboardError } from '../../src/core/errors.js';
import type { AgentDeclaration } from '../../src/models/agent-declaration.js';
import { createLlmQa, llmVerdictSchema, QA_INSTRUCTIONS } from './llm.js';
import { createLocalQaAgent } from './local.js';

async function citedArticles(kb: KnowledgeBase, ids: string[]): Promise<KbArticle[]> {
  const lookup = (kb as { getArticles?: (ids: string[]) => Promise<KbArticle[]> }).getArticles;
  if (ids.length === 0 || typeof lookup !== 'function') return [];
  return lookup.call(kb, ids).catch(() => []);
}

/**
 * Local rules first; they decide every reply except a model-written answer they cannot vouch for
 * (no citations, or grounding below `QA_MODEL_BELOW_GROUNDING`), which the model on `policy.qaTier`
 * reviews against the cited articles. A model revision must pass the local rules, or the turn
 * escalates (one revision at most). No QA model, or every model failed: the reply escalates.
 */
export const qaAgent: AgentDeclaration<'qa'> = {
  name: 'qa',
  purpose: 'Review every reply before it is sent: approve it, revise it, or hand the conversation to a person.',
  output: llmVerdictSchema,
  instructions: () => QA_INSTRUCTIONS,
  local: () => {
    const qa = createLocalQaAgent();
    return (ctx, input) => qa.review(ctx, input);
  },
  model: ({ gateway }) => {
    const llm = createLlmQa({ gateway });
    return (ctx, input, { tier, articles }) => llm.review(ctx, input, { tier, articles });
  },
  tier: {
    order: 'after-local',
    escalateWhen(local, { input }, policy) {
      if (local.action !== 'approve') return null;
      const a = input.answer;
      const rulesDecide =
        input.kind !== 'answer' ||
        !a ||
        a.tier === 'local' ||
        (a.citations.length > 0 && a.grounding >= policy.qaModelBelowGrounding);
      return rulesDecide ? null : policy.qaTier;
    },
    whenNoModel: () => ({ action: 'escalate', issues: ['reply not grounded and no QA model'], tier: 'local' }),
    async useModel({ ctx, input, tier, model, runLocal }) {
      const articles = await citedArticles(ctx.kb, input.answer?.citations ?? []);
      const verdict = await model(ctx, input, { tier, articles });
      if (verdict.action !== 'revise' || !verdict.revisedText) return verdict;
      const again = await runLocal({ ...input, reply: verdict.revisedText });
      if (again.action === 'approve') return verdict;
      return {
        action: 'escalate',
        issues: [...verdict.issues, ...again.issues, 'revision did not pass QA'],
        tier: verdict.tier,
      };
    },
    whenModelFails: (_local, err) => {
      const code = isSwitchboardError(err) ? err.code : 'error';
      return { action: 'escalate', issues: [`QA model unavailable (${code}); reply not grounded`], tier: 'local' };
    },
  },
};
