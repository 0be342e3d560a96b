/** A model-only agent set: the naive baseline of `bench --cost` (every agent on one tier, no local tier). */
import { AGENT_TEAM } from '../../agents/team.js';
import { AGENT_NAMES, type AgentName, type AgentSteps, agentSetOf } from '../core/agent-steps.js';
import type { AgentSet } from '../core/agents.js';
import { SwitchboardError } from '../core/errors.js';
import type { AgentTeam } from '../models/agent-declaration.js';
import type { ModelGateway, ModelTier } from '../models/types.js';

/** Options of {@link createModelAgentSet}. */
export interface ModelAgentSetOptions {
  gateway: ModelGateway;
  tier: ModelTier;
  /** The declarations to read (default: the agents package's team). */
  team?: AgentTeam<never>;
}

/**
 * Every agent calls its model strategy at `tier` on every turn (the naive baseline; no local tier).
 * The router never falls back to another tier (its cost and score are the tier's own, as in eval).
 */
export function createModelAgentSet({ gateway, tier, team = AGENT_TEAM }: ModelAgentSetOptions): AgentSet {
  const steps: Partial<Record<AgentName, unknown>> = {};
  for (const name of AGENT_NAMES) {
    const model = team[name].model?.({ gateway, tierFallback: name === 'router' ? false : undefined });
    if (!model) throw new SwitchboardError('config_invalid', `agent ${name} has no model strategy`);
    steps[name] = (ctx: Parameters<typeof model>[0], input: never) => model(ctx, input, { tier });
  }
  return agentSetOf(steps as AgentSteps, () => ({ tiers: [tier], models: gateway.models() }));
}
