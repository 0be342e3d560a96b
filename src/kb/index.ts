/** Knowledge base: store, import, passages, hybrid retrieval, calibration, seed, and text helpers. */
export * from './bm25.js';
export * from './calibrate.js';
export * from './encoder.js';
export * from './from-config.js';
export * from './front-matter.js';
export * from './hybrid.js';
export * from './kb-import.js';
export * from './kb-store.js';
export * from './knowledge-base.js';
export * from './lru.js';
export * from './passages.js';
export * from './retriever.js';
export * from './seed.js';
export * from './text.js';
