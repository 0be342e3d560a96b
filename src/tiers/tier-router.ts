/** `createTierRouter`: a router that always asks one model tier (for `eval --tier fast|strong`). */
import { createLlmRouter } from '../../agents/router/llm.js';
import type { RouterAgent } from '../core/agents.js';
import type { ModelGateway, ModelTier } from '../models/types.js';

/**
 * A router that always asks `tier` (no tier fallback, so the score is the tier's own).
 * Throws `models_unavailable` when the tier's models all fail.
 */
export function createTierRouter(gateway: ModelGateway, tier: ModelTier): RouterAgent {
  const router = createLlmRouter({ gateway, tier, tierFallback: false });
  return { route: (ctx) => router.route(ctx) };
}
