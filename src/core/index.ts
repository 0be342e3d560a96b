export * from './agents.js';
export * from './channel-adapter.js';
export * from './errors.js';
export * from './memory.js';
export * from './messages.js';
export * from './models.js';
export * from './split-text.js';
export type * from './staff-channel.js';
