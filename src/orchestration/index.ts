/** Model orchestration: the cost-aware agent set, its policy, and model-only sets. */
export * from './create-agent-set.js';
export * from './model-agent-set.js';
export * from './policy.js';
export * from './suspicion.js';
export * from './tier-router.js';
