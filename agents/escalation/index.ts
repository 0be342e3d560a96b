/** Escalation agent: public surface. */

export { escalationAgent } from './agent.js';
export { createLocalEscalationAgent, detectPriority, detectReason } from './local.js';
