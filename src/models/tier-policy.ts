/**
 * The tier policy's knobs and their defaults: the thresholds and tiers agent declarations read in
 * their escalation rules (`tier.escalateWhen`). `src/tiers/policy.ts` fills them from Config.
 */
import type { ModelTier } from './types.js';

/** When synthesis asks a model to write the reply. */
export type SynthesisMode = 'never' | 'non_english' | 'always';

/** When each agent may leave the local tier, and for which model tier. Every field has a default (see {@link DEFAULT_TIER_POLICY}). */
export interface TierPolicy {
  /** Ask the model router only when the local router's confidence is below this (default 0.6). */
  routerModelBelowConfidence: number;
  /** Tier of the model router (default fast). */
  routerTier: ModelTier;
  /** Local specialist answers without a model when its grounding is at least this (default 0.55). */
  localAnswerMinScore: number;
  /** Tier for simple questions the local tier cannot answer (default fast). */
  simpleTier: ModelTier;
  /** Tier for complex questions (default strong). */
  complexTier: ModelTier;
  /** Model QA only for model answers without citations or with grounding below this (default 0.5). */
  qaModelBelowGrounding: number;
  /** Tier of the model QA (default fast). */
  qaTier: ModelTier;
  /** Ask the model guardrail about messages the local patterns let through with suspicion >= this (default 0.4; 1.1 = never). */
  guardrailModelAboveSuspicion: number;
  /** Tier of the model guardrail (default fast). */
  guardrailTier: ModelTier;
  /** When synthesis uses a model (default non_english: only to write a non-English reply from an English draft). */
  synthesis: SynthesisMode;
  /** Tier of the model synthesis (default fast). */
  synthesisTier: ModelTier;
  /** Escalation planner: local (default) or a model tier. */
  escalationTier: ModelTier | 'local';
}

/** The defaults. */
export const DEFAULT_TIER_POLICY: TierPolicy = {
  routerModelBelowConfidence: 0.6,
  routerTier: 'fast',
  localAnswerMinScore: 0.55,
  simpleTier: 'fast',
  complexTier: 'strong',
  qaModelBelowGrounding: 0.5,
  qaTier: 'fast',
  guardrailModelAboveSuspicion: 0.4,
  guardrailTier: 'fast',
  synthesis: 'non_english',
  synthesisTier: 'fast',
  escalationTier: 'local',
};
