/**
 * What an agent is, as data (the shape of openai-agents-js's `Agent` config): its name and purpose,
 * the model's output schema and instructions, its offline strategy, its model strategy, and the
 * rule saying when it may leave the local tier and for which model tier. Each agent declares itself
 * in `agents/<name>/agent.ts`; the tier policy (`src/tiers/`) reads the declarations and wraps no
 * agent by hand. No LangChain here: a model strategy talks to a tier through the gateway contract.
 */
import type { z } from 'zod';
import {
  AGENT_NAMES,
  type AgentName,
  type AgentStep,
  type AgentSteps,
  type StepInput,
  type StepOutput,
} from '../core/agent-steps.js';
import type { AgentContext, KbArticle } from '../core/agents.js';
import type { TierPolicy } from './tier-policy.js';
import type { ModelGateway, ModelTier } from './types.js';

/** What a model strategy is built from. */
export interface ModelAgentDeps {
  gateway: ModelGateway;
  /** Let the gateway try the other text tier when the asked one fails (default true; eval turns it off). */
  tierFallback?: boolean;
}

/** One model call of a step. */
export interface ModelCallOptions {
  tier: ModelTier;
  /** Articles the model should see (QA: the ones the answer cites). */
  articles?: KbArticle[];
}

/** A model strategy: the agent's step on a model tier. Throws `models_unavailable` when every model fails. */
export type ModelStep<I, O> = (ctx: AgentContext, input: I, call: ModelCallOptions) => Promise<O>;

/** What an escalation rule sees of the turn. */
export interface TierTurn<I> {
  ctx: AgentContext;
  input: I;
  /** True when the gateway has a model configured for `tier`. */
  available(tier: ModelTier): boolean;
}

/** What a declaration may do once its rule asked a model (default: one call on the chosen tier). */
export interface ModelUse<I, O> extends TierTurn<I> {
  tier: ModelTier;
  model: ModelStep<I, O>;
  /** Run the offline strategy on another input (e.g. QA re-checking a revision). */
  runLocal(input: I): Promise<O>;
}

/** Fields every tier rule has. */
interface TierRuleBase<I, O> {
  /**
   * The rule asked for a tier that has no model: `local` keeps the local result (default), or a
   * function gives the result (QA escalates a reply nobody can vouch for).
   */
  whenNoModel?: 'local' | ((local: O) => O);
  /**
   * Every model failed: `local` uses the local result and reports the step as degraded (default);
   * `throw` surfaces `models_unavailable` to the pipeline (honest message + escalation); a function
   * gives the result (reported as degraded too).
   */
  whenModelFails?: 'local' | 'throw' | ((local: O, err: unknown) => O);
  /** How the model is used once asked (default: `model(ctx, input, { tier })`). */
  useModel?: (use: ModelUse<I, O>) => Promise<O>;
}

/** The local strategy runs first; its result decides whether a model is worth asking. */
export interface AfterLocalRule<I, O> extends TierRuleBase<I, O> {
  order: 'after-local';
  /** The model tier to ask, or null to keep the local result. */
  escalateWhen(local: O, turn: TierTurn<I>, policy: TierPolicy): ModelTier | null;
}

/** Decided from the input alone; the local strategy runs only when no model is asked. */
export interface BeforeLocalRule<I, O> extends TierRuleBase<I, O> {
  order: 'before-local';
  /** The model tier to ask, or null to run the local strategy. */
  escalateWhen(turn: TierTurn<I>, policy: TierPolicy): ModelTier | null;
}

/** When an agent may leave the local tier (`local` is always the default and the last resort). */
export type TierRule<I, O> = AfterLocalRule<I, O> | BeforeLocalRule<I, O>;

/**
 * One agent, declared once. `LocalDeps` is what its offline strategy is built from (the agents
 * package defines it: the trained router, guardrail and specialist options).
 */
export interface AgentDeclaration<N extends AgentName, LocalDeps = unknown> {
  name: N;
  /** One sentence: what the agent decides or writes. */
  purpose: string;
  /** The structured output its model strategy must return (validated by the gateway). */
  output?: z.ZodType;
  /** The model strategy's system prompt for a turn. */
  instructions?: (ctx: AgentContext, input: StepInput<N>) => string;
  /** Offline strategy: local tier, free, deterministic. */
  local: (deps: LocalDeps) => AgentStep<StepInput<N>, StepOutput<N>>;
  /** Model strategy (absent: the agent never leaves the local tier). */
  model?: (deps: ModelAgentDeps) => ModelStep<StepInput<N>, StepOutput<N>>;
  /** When it may use a model, and what happens when none answers. */
  tier?: TierRule<StepInput<N>, StepOutput<N>>;
}

/** Every agent of a turn, declared (the agents package's team). */
export type AgentTeam<LocalDeps = unknown> = { [N in AgentName]: AgentDeclaration<N, LocalDeps> };

/** The offline step of every agent of `team`, built from `deps`. */
export function localSteps<LocalDeps>(team: AgentTeam<LocalDeps>, deps: LocalDeps): AgentSteps {
  const steps: Partial<Record<AgentName, unknown>> = {};
  for (const name of AGENT_NAMES) steps[name] = team[name].local(deps);
  return steps as AgentSteps;
}
