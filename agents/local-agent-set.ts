/**
 * The offline (`local` tier) agent set: deterministic, free, no network. Each agent's offline
 * strategy comes from its declaration (agents/team.ts); the router is the one given in `deps`.
 */
import { agentSetOf } from '../src/core/agent-steps.js';
import type { AgentSet } from '../src/core/agents.js';
import { localSteps } from '../src/models/agent-declaration.js';
import type { LocalAgentDeps } from './local-deps.js';
import { AGENT_TEAM } from './team.js';

/** Dependencies and options for {@link createLocalAgentSet}. */
export type LocalAgentSetDeps = LocalAgentDeps;

/**
 * Wire the offline agents into one {@link AgentSet}; `describe()` reports the `local` tier only.
 * `router` is `deps.router` itself (a learning router keeps its `refresh()`).
 */
export function createLocalAgentSet(deps: LocalAgentSetDeps): AgentSet {
  const set = agentSetOf(localSteps(AGENT_TEAM, deps), () => ({
    tiers: ['local'],
    models: {
      guardrail: 'local-rules',
      router: 'local-classifier',
      specialist: 'local-kb',
      escalation: 'local-rules',
      synthesis: 'local-templates',
      qa: 'local-rules',
    },
  }));
  return { ...set, router: deps.router };
}
