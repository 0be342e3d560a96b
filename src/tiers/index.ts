/** Model tiers: the cost policy that decides, per agent, when the local tier is enough and which model tier to ask. */
export * from './create-agent-set.js';
export * from './model-agent-set.js';
export * from './policy.js';
export * from './suspicion.js';
export * from './tier-router.js';
