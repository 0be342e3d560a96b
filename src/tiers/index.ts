/**
 * Model tiers: the cost policy. It reads each agent's declaration (agents/<name>/agent.ts) to decide,
 * per turn, when the local tier is enough and which model tier to ask; plus the model-only baseline
 * set of `bench --cost` and the single-tier router of `eval --tier`.
 */
export * from './model-agent-set.js';
export * from './policy.js';
export * from './tier-router.js';
export * from './tiered-agent-set.js';
