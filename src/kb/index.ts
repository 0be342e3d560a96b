/** Knowledge base: store, search, import, seed, and text helpers for the local agents. */
export * from './front-matter.js';
export * from './kb-import.js';
export * from './knowledge-base.js';
export * from './lru.js';
export * from './seed.js';
export * from './text.js';
