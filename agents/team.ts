/**
 * The team: every agent of a turn, each declared once in `agents/<name>/agent.ts` (name, purpose,
 * output schema, instructions, offline strategy, model strategy, tier rule). The offline agent set
 * and the tier policy (`src/tiers/`) are both built from this list.
 */
import type { AgentTeam } from '../src/models/agent-declaration.js';
import { escalationAgent } from './escalation/agent.js';
import { guardrailAgent } from './guardrail/agent.js';
import type { LocalAgentDeps } from './local-deps.js';
import { qaAgent } from './qa/agent.js';
import { routerAgent } from './router/agent.js';
import { billingAgent, productAgent, technicalAgent } from './specialist/agent.js';
import { synthesisAgent } from './synthesis/agent.js';

/** The declared agents, by name. */
export const AGENT_TEAM: AgentTeam<LocalAgentDeps> = {
  guardrail: guardrailAgent,
  router: routerAgent,
  technical: technicalAgent,
  billing: billingAgent,
  product: productAgent,
  escalation: escalationAgent,
  synthesis: synthesisAgent,
  qa: qaAgent,
};

export type { LocalAgentDeps } from './local-deps.js';
