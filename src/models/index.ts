/** Models: the tiered gateway (LangChain inside), recorders, cost statistics. */
export * from './endpoints.js';
export * from './failures.js';
export * from './gateway.js';
export * from './recorder.js';
export * from './stats.js';
export * from './types.js';
