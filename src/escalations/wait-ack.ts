/**
 * While a conversation waits for a person (escalation open, nobody claimed it), a customer message
 * gets a short system notice (`kind: 'notice'`) saying it reached the team and how long the wait
 * should be, from the SLA due time (staffed minutes only) and the queue position; at most one per
 * `intervalMs` per conversation. Outside staffed hours it says when the team is back instead.
 */

import { hasWaitAckSince } from '../conversations/repo.js';
import type { ConversationService, Escalation } from '../core/services.js';
import { describeLocal, isStaffed, nextStaffedAt, type SupportHours } from '../core/support-hours.js';
import type { Queryable } from '../db/db.js';
import { countOpenAhead } from './repo.js';

/** Default minimum gap between two acknowledgements in one conversation (3 minutes). */
export const WAIT_ACK_INTERVAL_MS = 3 * 60_000;

/** Options of {@link acknowledgeWhileWaiting}. */
export interface WaitAckOptions {
  db: Queryable;
  conversations: ConversationService;
  /** Staffed hours (null = always staffed). */
  hours: SupportHours | null;
  /** Minimum gap between acknowledgements (default {@link WAIT_ACK_INTERVAL_MS}). */
  intervalMs?: number;
  now?: Date;
}

/** "about 25 minutes" / "a few minutes" / "about 2 hours". */
export function waitText(minutes: number): string {
  if (minutes <= 5) return 'a few minutes';
  if (minutes < 60) return `about ${Math.ceil(minutes / 5) * 5} minutes`;
  const h = Math.round(minutes / 30) / 2;
  return `about ${h} hour${h === 1 ? '' : 's'}`;
}

/** The notice text for a waiting customer at `position` in the queue. */
export function waitNotice(input: { position: number; dueAt: Date; now: Date; hours: SupportHours | null }): string {
  const { position, dueAt, now, hours } = input;
  const queue = position <= 1 ? 'You are next in the queue' : `You are number ${position} in the queue`;
  if (!isStaffed(hours, now) && hours) {
    const back = describeLocal(hours, nextStaffedAt(hours, now));
    return `Thanks, your message is saved for our support team. They are back ${back}. ${queue}.`;
  }
  const left = Math.max(0, (dueAt.getTime() - now.getTime()) / 60_000);
  return `Thanks, your message reached our support team. ${queue}; expected wait: ${waitText(left)}.`;
}

/** Post the acknowledgement when due; true when one was posted. */
export async function acknowledgeWhileWaiting(options: WaitAckOptions, escalation: Escalation): Promise<boolean> {
  const { db, conversations, hours } = options;
  if (escalation.status !== 'open') return false;
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - (options.intervalMs ?? WAIT_ACK_INTERVAL_MS));
  if (await hasWaitAckSince(db, escalation.conversationId, since)) return false;
  const ahead = await countOpenAhead(db, escalation);
  const text = waitNotice({
    position: ahead + 1,
    dueAt: new Date(escalation.firstResponseDueAt),
    now,
    hours,
  });
  await conversations.postReply({
    conversationId: escalation.conversationId,
    role: 'system',
    text,
    meta: { kind: 'notice', notice: 'wait_ack', escalationId: escalation.id },
  });
  return true;
}
