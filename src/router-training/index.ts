/**
 * Router training data: labeled JSONL files, the operator's stored examples and trained router
 * models (Postgres/PGlite), and the classification metrics `switchboard eval` prints.
 */
export * from './labeled-file.js';
export * from './metrics.js';
export * from './store.js';
