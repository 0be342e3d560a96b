/** What the offline strategies of the agents are built from. */
import type { RouterAgent } from '../src/core/agents.js';
import type { LocalGuardrailOptions } from './guardrail/local.js';
import type { LocalSpecialistOptions } from './specialist/local.js';

/** Dependencies and options of the local (offline) strategies. */
export interface LocalAgentDeps {
  /** The offline router (shipped, or trained on the operator's data and knowledge base). */
  router: RouterAgent;
  /** Guardrail options (default: 4000 characters, default injection threshold). */
  guardrail?: LocalGuardrailOptions;
  /** Specialist options (default: answer locally from a search score of 0.35). */
  specialist?: LocalSpecialistOptions;
}
