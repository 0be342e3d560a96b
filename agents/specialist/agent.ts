/** The specialists (technical, billing, product), declared: an answer grounded in the knowledge base. */
import type { AgentDeclaration } from '../../src/models/agent-declaration.js';
import type { ModelTier } from '../../src/models/types.js';
import { createLlmSpecialist, llmAnswerSchema, type SpecialistDepartment, specialistInstructions } from './llm.js';
import { createLocalSpecialist, type LocalSpecialistOptions } from './local.js';

/** What the offline specialist is built from. */
export interface SpecialistDeps {
  /** Specialist options (default: answer locally from a search score of 0.35). */
  specialist?: LocalSpecialistOptions;
}

const otherTier = (tier: ModelTier): ModelTier => (tier === 'fast' ? 'strong' : 'fast');

/**
 * The specialist of `department`. The local answer (knowledge-base passages) stands when its
 * grounding is at least `LOCAL_ANSWER_MIN_SCORE`; otherwise the model answers on `policy.simpleTier`
 * (simple questions) or `policy.complexTier` (complex ones), or on the other text tier when that one
 * has no model. No model configured at all: the local answer. Every model failed: `models_unavailable`
 * reaches the pipeline (honest message, escalation with reason model_failure).
 */
export function specialistAgent<D extends SpecialistDepartment>(department: D): AgentDeclaration<D, SpecialistDeps> {
  // The three specialists share one input and output; TypeScript cannot see that through `D`.
  const declaration: AgentDeclaration<'technical', SpecialistDeps> = {
    name: 'technical',
    purpose: `Answer ${department} questions from the knowledge base, citing the articles used, or say honestly that it does not cover them.`,
    output: llmAnswerSchema,
    instructions: (_ctx, routing) => specialistInstructions(department, routing.language),
    local: (deps) => {
      const specialist = createLocalSpecialist(department, deps.specialist);
      return (ctx, routing) => specialist.answer(ctx, routing);
    },
    model: ({ gateway }) => {
      const llm = createLlmSpecialist({ gateway, department });
      return (ctx, routing, { tier }) => llm.answer(ctx, routing, { tier });
    },
    tier: {
      order: 'after-local',
      escalateWhen(local, { input: routing, available }, policy) {
        if (local.grounding >= policy.localAnswerMinScore) return null;
        const tier = routing.complexity === 'complex' ? policy.complexTier : policy.simpleTier;
        if (available(tier)) return tier;
        if (!available(policy.simpleTier) && !available(policy.complexTier)) return null;
        return otherTier(tier);
      },
      whenModelFails: 'throw',
    },
  };
  return { ...declaration, name: department } as unknown as AgentDeclaration<D, SpecialistDeps>;
}

/** The three specialist declarations. */
export const technicalAgent = specialistAgent('technical');
/** See {@link specialistAgent}. */
export const billingAgent = specialistAgent('billing');
/** See {@link specialistAgent}. */
export const productAgent = specialistAgent('product');
