/** The staff-channel contract lives in src/core (adapters implement it); re-exported for the relay. */
export type * from '../core/staff-channel.js';
