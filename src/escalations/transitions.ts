/**
 * Escalation transition rules: who may do what in which status, the error each refusal gets, and
 * the notices the customer sees.
 */
import { SwitchboardError } from '../core/index.js';
import { describeLocal, isStaffed, nextStaffedAt, type SupportHours } from '../core/support-hours.js';
import type { EscalationRow } from './repo.js';

/** A staff member as the service needs them for authorization. */
export interface Actor {
  id: string;
  name: string;
  role: 'agent' | 'admin';
}

/** An API-facing error with a stable code and HTTP status. */
export const err = (code: string, status: number, message: string) => new SwitchboardError(code, message, { status });

/** Customer-facing notices (system messages). */
export const NOTICES = {
  waiting: 'You are being connected to a member of our support team. A human will join this conversation shortly.',
  joined: (name: string) => `${name} from the support team joined the conversation.`,
  released: 'Your conversation is back in the queue; the next available support team member will pick it up.',
  resolved:
    'A support team member marked this conversation as resolved. Our assistant is back to help if you need anything else.',
  cancelled: 'The handoff to a human was cancelled. Our assistant is back to help.',
} as const;

/**
 * The hand-off notice: {@link NOTICES}.waiting while staffed; outside staffed hours it says when
 * someone is back and invites the customer to leave their details.
 */
export function waitingNotice(hours: SupportHours | null, now = new Date()): string {
  if (!hours || isStaffed(hours, now)) return NOTICES.waiting;
  const back = describeLocal(hours, nextStaffedAt(hours, now));
  return `Our support team is away right now and back ${back}. Leave your details here (what you need, your order or account reference, how best to reach you) and a person will pick this up as soon as they are back.`;
}

/** Explain why a conditional update matched nothing. */
export function transitionError(row: EscalationRow, action: string, a: Actor): SwitchboardError {
  if (row.status === 'resolved' || row.status === 'cancelled')
    return err('escalation_closed', 409, `Cannot ${action}: the escalation is already ${row.status}.`);
  if (action === 'claim' && row.status === 'claimed')
    return err('already_claimed', 409, 'Someone else claimed this escalation first.');
  if (row.status === 'open' && action !== 'claim' && action !== 'cancel' && action !== 'reassign')
    return err('not_claimed', 409, `Cannot ${action} an escalation nobody has claimed; claim it first.`);
  if (row.assignee_id !== a.id && a.role !== 'admin')
    return err(
      'not_assignee',
      403,
      `Only the staff member who claimed this escalation (or an admin) can ${action} it.`,
    );
  return err('invalid_transition', 409, `Cannot ${action} an escalation in status ${row.status}.`);
}
