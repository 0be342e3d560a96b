/**
 * The staff actions on an escalation — claim, reply, resolve, release — one set for every staff
 * surface: the console API (src/staff/routes.ts) and the chat staff channels
 * (src/staff-channels/relay.ts). Who may do what (only the claimer replies, resolves or releases;
 * the first claim wins) is enforced once, by the escalation service's transitions
 * (src/escalations/transitions.ts), which throw `not_claimed`, `not_assignee`, `already_claimed`,
 * `escalation_closed` or `escalation_not_found`.
 */
import type { Escalation, EscalationService } from '../core/services.js';

/** Where a staff action was taken: console (staff console / API) | slack | discord. */
export type StaffSource = string;

/** Options of {@link StaffActions.resolve}. */
export interface ResolveOptions {
  note?: string;
  /** Resolve an unclaimed escalation as "I took care of it": claim it first (default false). */
  claimIfOpen?: boolean;
}

/** The staff actions, for a staff member identified by their staff id. */
export interface StaffActions {
  claim(staffId: string, escalationId: string): Promise<Escalation>;
  /** Send `text` to the customer on their own channel (the escalation must be claimed by `staffId`). */
  reply(staffId: string, escalationId: string, text: string, source: StaffSource): Promise<{ messageId: string }>;
  resolve(staffId: string, escalationId: string, options?: ResolveOptions): Promise<Escalation>;
  release(staffId: string, escalationId: string): Promise<Escalation>;
}

/** Create the staff actions on the escalation service. */
export function createStaffActions(
  escalations: Pick<EscalationService, 'get' | 'claim' | 'reply' | 'resolve' | 'release'>,
): StaffActions {
  return {
    claim: (staffId, escalationId) => escalations.claim(escalationId, staffId),
    reply: (staffId, escalationId, text, source) => escalations.reply(escalationId, staffId, text, { source }),
    async resolve(staffId, escalationId, options = {}) {
      if (options.claimIfOpen) {
        const current = await escalations.get(escalationId);
        if (current?.status === 'open') await escalations.claim(escalationId, staffId);
      }
      return escalations.resolve(escalationId, staffId, options.note);
    },
    release: (staffId, escalationId) => escalations.release(escalationId, staffId),
  };
}
