/**
 * The cost-aware agent set: every agent runs on the cheapest tier that can answer well. It wraps
 * the local (offline, free) set and reads each agent's declaration (agents/<name>/agent.ts): the
 * declaration's tier rule says when a model is worth asking and on which tier, and what happens
 * when none is configured or every model fails. Nothing here knows a particular agent.
 *
 * Degradation: failures fall down the chain inside the gateway (fallback models, then the other
 * tier); when every model fails, a step uses its local result (reported through `onDegraded`), its
 * declared substitute (QA escalates), or rethrows `models_unavailable` (specialists), so the
 * pipeline sends an honest message and escalates with reason model_failure.
 */
import { AGENT_TEAM } from '../../agents/team.js';
import {
  AGENT_NAMES,
  type AgentName,
  type AgentStep,
  type AgentSteps,
  agentSetOf,
  stepsOf,
} from '../core/agent-steps.js';
import type { AgentSet } from '../core/agents.js';
import type { AgentTeam, ModelStep, TierRule, TierTurn } from '../models/agent-declaration.js';
import { DEFAULT_TIER_POLICY, type TierPolicy } from '../models/tier-policy.js';
import type { ModelGateway, ModelTier } from '../models/types.js';

/** Options of {@link createTieredAgentSet}. */
export interface TieredAgentSetOptions {
  /** The offline set (createLocalAgentSet): each agent's local strategy. */
  local: AgentSet;
  gateway: ModelGateway;
  /** Policy overrides (defaults: {@link DEFAULT_TIER_POLICY}). */
  policy?: Partial<TierPolicy>;
  /** Told about model failures the set absorbed (default: silent). */
  onDegraded?: (step: string, err: unknown) => void;
  /** The declarations to read (default: the agents package's team). */
  team?: AgentTeam<never>;
}

/** What {@link tieredStep} needs besides the declaration. */
interface TierEnv {
  policy: TierPolicy;
  available(tier: ModelTier): boolean;
  degraded(step: string, err: unknown): void;
}

/** One agent's step under its tier rule (the local step unchanged when it has no model or no rule). */
export function tieredStep<I, O>(
  name: string,
  rule: TierRule<I, O> | undefined,
  local: AgentStep<I, O>,
  model: ModelStep<I, O> | undefined,
  env: TierEnv,
): AgentStep<I, O> {
  if (!rule || !model) return local;
  const { policy, available, degraded } = env;
  return async (ctx, input) => {
    const turn: TierTurn<I> = { ctx, input, available };
    let localResult: O | undefined;
    let tier: ModelTier | null;
    if (rule.order === 'after-local') {
      localResult = await local(ctx, input);
      tier = rule.escalateWhen(localResult, turn, policy);
    } else {
      tier = rule.escalateWhen(turn, policy);
    }
    const fallback = async (): Promise<O> => localResult ?? local(ctx, input);
    if (tier === null) return fallback();
    if (!available(tier)) {
      const result = await fallback();
      return typeof rule.whenNoModel === 'function' ? rule.whenNoModel(result) : result;
    }
    try {
      if (rule.useModel) {
        return await rule.useModel({ ...turn, tier, model, runLocal: (other) => local(ctx, other) });
      }
      return await model(ctx, input, { tier });
    } catch (err) {
      if (rule.whenModelFails === 'throw') throw err;
      degraded(name, err);
      const result = await fallback();
      return typeof rule.whenModelFails === 'function' ? rule.whenModelFails(result, err) : result;
    }
  };
}

/** Agent `name`'s step under its declaration (the per-agent types meet here, once, as `unknown`). */
function declaredStep(name: AgentName, team: AgentTeam<never>, local: AgentSteps, gateway: ModelGateway, env: TierEnv) {
  const declaration = team[name];
  const model = declaration.model?.({ gateway }) as ModelStep<unknown, unknown> | undefined;
  const rule = declaration.tier as TierRule<unknown, unknown> | undefined;
  return tieredStep(name, rule, local[name] as AgentStep<unknown, unknown>, model, env);
}

/** Create the cost-aware agent set around the local one, from the agents' declarations. */
export function createTieredAgentSet(options: TieredAgentSetOptions): AgentSet {
  const { local, gateway, team = AGENT_TEAM } = options;
  const env: TierEnv = {
    policy: { ...DEFAULT_TIER_POLICY, ...options.policy },
    available: (tier) => gateway.available(tier),
    degraded: options.onDegraded ?? (() => {}),
  };
  const localSteps = stepsOf(local);
  const steps: Partial<Record<AgentName, unknown>> = {};
  for (const name of AGENT_NAMES) steps[name] = declaredStep(name, team, localSteps, gateway, env);
  return agentSetOf(steps as AgentSteps, () => {
    const base = local.describe();
    const models = gateway.models();
    const tiers = [...new Set([...base.tiers, ...(Object.keys(models) as string[])])];
    return { tiers, models: { ...base.models, ...models } };
  });
}
