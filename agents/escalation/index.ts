/** Escalation agent: public surface. */
export { createLocalEscalationAgent, detectPriority, detectReason } from './local.js';
