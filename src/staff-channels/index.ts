/**
 * Staff channels (Slack, Discord): handoff packets with Claim/Resolve buttons, lifecycle updates,
 * and staff thread replies relayed to the customer's own channel.
 */
export { attachStaffChannels } from './attach.js';
export { loadHandoffPacket } from './packet.js';
export { createStaffHandlers, escalationForThread } from './relay.js';
export { resolveStaffUser, type StaffIdentity } from './staff-users.js';
export type * from './types.js';
