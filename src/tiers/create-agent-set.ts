/**
 * The cost-aware agent set: it wraps the local (offline, free) set and calls a model only where the
 * local tier cannot decide, on the cheapest tier that can answer well.
 *
 * - guardrail: local patterns; the model only for messages they let through that still look suspicious.
 * - router: local classifier; the model router only below a confidence threshold.
 * - specialists: local answer when its knowledge-base grounding is confident; else fast (simple) or strong (complex).
 * - synthesis: local, except a non-English reply from an English draft (fast).
 * - QA: local rules; the model only for model answers the rules cannot vouch for (weak or no citations).
 *
 * Degradation: failures fall down the chain inside the gateway (fallback models, then the other tier);
 * when every model fails, steps with a local answer use it (router, guardrail, synthesis, escalation),
 * QA escalates, and a specialist that needed a model throws `SwitchboardError('models_unavailable')`
 * so the pipeline sends an honest message and escalates with reason model_failure.
 */
import { createLlmEscalation } from '../../agents/escalation/llm.js';
import { createLlmGuardrail } from '../../agents/guardrail/llm.js';
import { createLlmQa } from '../../agents/qa/llm.js';
import { createLlmRouter } from '../../agents/router/llm.js';
import { createLlmSpecialist } from '../../agents/specialist/llm.js';
import { createLlmSynthesis } from '../../agents/synthesis/llm.js';
import type { AgentSet, KbArticle, KnowledgeBase, SpecialistAgent } from '../core/agents.js';
import { isSwitchboardError } from '../core/errors.js';
import type { ModelGateway, ModelTier } from '../models/types.js';
import { DEFAULT_POLICY, type PolicyOptions } from './policy.js';
import { suspicionScore } from './suspicion.js';

/** Options of {@link createOrchestratedAgentSet}. */
export interface OrchestratedAgentSetOptions {
  /** The offline set (createLocalAgentSet). */
  local: AgentSet;
  gateway: ModelGateway;
  /** Policy overrides (defaults: {@link DEFAULT_POLICY}). */
  policy?: Partial<PolicyOptions>;
  /** Told about model failures the set absorbed (default: silent). */
  onDegraded?: (step: string, err: unknown) => void;
}

const DEPTS = ['technical', 'billing', 'product'] as const;

async function citedArticles(kb: KnowledgeBase, ids: string[]): Promise<KbArticle[]> {
  const lookup = (kb as { getArticles?: (ids: string[]) => Promise<KbArticle[]> }).getArticles;
  if (ids.length === 0 || typeof lookup !== 'function') return [];
  return lookup.call(kb, ids).catch(() => []);
}

/** Create the model-orchestrated agent set around the local one. */
export function createOrchestratedAgentSet(options: OrchestratedAgentSetOptions): AgentSet {
  const { local, gateway } = options;
  const policy: PolicyOptions = { ...DEFAULT_POLICY, ...options.policy };
  const degraded = options.onDegraded ?? (() => {});
  const llmRouter = createLlmRouter({ gateway, tier: policy.routerTier });
  const llmGuardrail = createLlmGuardrail({ gateway, tier: policy.guardrailTier });
  const llmSynthesis = createLlmSynthesis({ gateway, tier: policy.synthesisTier });
  const llmQa = createLlmQa({ gateway, tier: policy.qaTier });
  const llmEscalation = createLlmEscalation({ gateway });
  const can = (tier: ModelTier) => gateway.available(tier);

  const specialist = (department: (typeof DEPTS)[number]): SpecialistAgent => {
    const llm = createLlmSpecialist({ gateway, department });
    return {
      department,
      async answer(ctx, routing) {
        const localAnswer = await local.specialists[department].answer(ctx, routing);
        if (localAnswer.grounding >= policy.localAnswerMinScore) return localAnswer;
        const tier = routing.complexity === 'complex' ? policy.complexTier : policy.simpleTier;
        if (!can(tier) && !can(policy.simpleTier) && !can(policy.complexTier)) return localAnswer;
        return llm.answer(ctx, routing, { tier: can(tier) ? tier : tier === 'fast' ? 'strong' : 'fast' });
      },
    };
  };

  return {
    guardrail: {
      async check(ctx) {
        const verdict = await local.guardrail.check(ctx);
        if (!verdict.allowed || !can(policy.guardrailTier)) return verdict;
        if (suspicionScore(ctx.text) < policy.guardrailModelAboveSuspicion) return verdict;
        try {
          return await llmGuardrail.check(ctx);
        } catch (err) {
          degraded('guardrail', err);
          return verdict;
        }
      },
    },

    router: {
      async route(ctx) {
        const decision = await local.router.route(ctx);
        if (decision.confidence >= policy.routerModelBelowConfidence || !can(policy.routerTier)) return decision;
        try {
          return await llmRouter.route(ctx);
        } catch (err) {
          degraded('router', err);
          return { ...decision, reason: `${decision.reason} (model router unavailable)` };
        }
      },
    },

    specialists: { technical: specialist('technical'), billing: specialist('billing'), product: specialist('product') },

    escalation: {
      async plan(ctx, routing, hint) {
        const tier = policy.escalationTier;
        if (tier === 'local' || !can(tier)) return local.escalation.plan(ctx, routing, hint);
        try {
          return await llmEscalation.plan(ctx, routing, hint, { tier });
        } catch (err) {
          degraded('escalation', err);
          return local.escalation.plan(ctx, routing, hint);
        }
      },
    },

    synthesis: {
      async compose(ctx, input) {
        const modelWroteIt = input.kind === 'answer' && input.answer !== undefined && input.answer.tier !== 'local';
        const wantModel =
          policy.synthesis === 'always' ||
          (policy.synthesis === 'non_english' && input.routing.language !== 'en' && !modelWroteIt);
        if (!wantModel || !can(policy.synthesisTier)) return local.synthesis.compose(ctx, input);
        try {
          return await llmSynthesis.compose(ctx, input);
        } catch (err) {
          degraded('synthesis', err);
          return local.synthesis.compose(ctx, input);
        }
      },
    },

    qa: {
      async review(ctx, input) {
        const verdict = await local.qa.review(ctx, input);
        if (verdict.action !== 'approve') return verdict;
        const a = input.answer;
        const rulesDecide =
          input.kind !== 'answer' ||
          !a ||
          a.tier === 'local' ||
          (a.citations.length > 0 && a.grounding >= policy.qaModelBelowGrounding);
        if (rulesDecide) return verdict;
        if (!can(policy.qaTier))
          return { action: 'escalate', issues: ['reply not grounded and no QA model'], tier: 'local' };
        try {
          const articles = await citedArticles(ctx.kb, a.citations);
          const model = await llmQa.review(ctx, input, { articles });
          if (model.action !== 'revise' || !model.revisedText) return model;
          // One revision at most: the revised text must pass the local rules, or the turn escalates.
          const again = await local.qa.review(ctx, { ...input, reply: model.revisedText });
          if (again.action === 'approve') return model;
          return {
            action: 'escalate',
            issues: [...model.issues, ...again.issues, 'revision did not pass QA'],
            tier: model.tier,
          };
        } catch (err) {
          degraded('qa', err);
          const code = isSwitchboardError(err) ? err.code : 'error';
          return { action: 'escalate', issues: [`QA model unavailable (${code}); reply not grounded`], tier: 'local' };
        }
      },
    },

    describe() {
      const base = local.describe();
      const models = gateway.models();
      const tiers = [...new Set([...base.tiers, ...(Object.keys(models) as string[])])];
      return { tiers, models: { ...base.models, ...models } };
    },
  };
}
