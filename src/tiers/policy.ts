/** The tier policy from configuration (the knobs themselves are in src/models/tier-policy.ts, where agents read them). */
import type { Config } from '../config.js';
import { DEFAULT_TIER_POLICY, type TierPolicy } from '../models/tier-policy.js';

/** Policy from Config (ROUTER_MODEL_BELOW_CONFIDENCE, LOCAL_ANSWER_MIN_SCORE, QA_MODEL_BELOW_GROUNDING). */
export function policyFromConfig(config: Config, overrides: Partial<TierPolicy> = {}): TierPolicy {
  return {
    ...DEFAULT_TIER_POLICY,
    routerModelBelowConfidence: config.ROUTER_MODEL_BELOW_CONFIDENCE,
    localAnswerMinScore: config.LOCAL_ANSWER_MIN_SCORE,
    qaModelBelowGrounding: config.QA_MODEL_BELOW_GROUNDING,
    ...overrides,
  };
}
