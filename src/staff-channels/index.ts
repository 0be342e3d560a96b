/**
 * Staff channels (Slack, Discord): handoff packets with Claim/Resolve buttons, and staff thread
 * replies relayed to the customer's own channel.
 */
import type { Runtime } from '../runtime/types.js';
import type { StaffChannel } from './types.js';

export type * from './types.js';

/**
 * Attach staff channels to a runtime: post packets on escalation events and relay staff actions.
 * Returns a detach function. (Minimal placeholder; the full relay lands next.)
 */
export function attachStaffChannels(runtime: Runtime, channels: StaffChannel[]): () => Promise<void> {
  if (channels.length === 0) return async () => {};
  const unsubscribe = runtime.bus.subscribe(() => {});
  return async () => unsubscribe();
}
