/** `createTierRouter`: a router that always asks one model tier (for `eval --tier fast|strong`). */
import { routerAgent } from '../../agents/router/agent.js';
import type { RouterAgent } from '../core/agents.js';
import { SwitchboardError } from '../core/errors.js';
import type { ModelGateway, ModelTier } from '../models/types.js';

/**
 * A router that always asks `tier` through the router's declared model strategy (no tier fallback,
 * so the score is the tier's own). Throws `models_unavailable` when the tier's models all fail.
 */
export function createTierRouter(gateway: ModelGateway, tier: ModelTier): RouterAgent {
  const route = routerAgent.model?.({ gateway, tierFallback: false });
  if (!route) throw new SwitchboardError('config_invalid', 'the router declares no model strategy');
  return { route: (ctx) => route(ctx, undefined, { tier }) };
}
