/**
 * What staff actions in a chat staff channel mean: a reply in a packet thread goes to the customer
 * (only once the escalation is claimed, and only by the claimer), Claim / Resolve / Release buttons
 * change the escalation — through the same staff actions as the console (src/staff/actions.ts). Platform retries of the same
 * reply are recorded in staff_channel_events and ignored.
 */
import { isSwitchboardError } from '../core/index.js';
import type { Runtime } from '../runtime/runtime.js';
import { createStaffActions } from '../staff/actions.js';
import { claimChannelEvent, forgetChannelEvent, selectThreadEscalation } from './staff-channel-store.js';
import { resolveStaffUser } from './staff-users.js';
import type { StaffActionEvent, StaffInboundHandlers, StaffReplyEvent, StaffResult } from './types.js';

/** Staff-facing text for escalation errors. */
const MESSAGES: Record<string, string> = {
  not_claimed: 'Claim this conversation first (press Claim on the packet): your reply was NOT sent to the customer.',
  not_assignee: 'Someone else owns this conversation: only the staff member who claimed it can reply or close it.',
  already_claimed: 'Someone else claimed this conversation first.',
  escalation_closed: 'This conversation is already closed: your message was not sent.',
  escalation_not_found: 'This escalation no longer exists.',
};

function failure(err: unknown): StaffResult {
  const code = isSwitchboardError(err) ? err.code : 'error';
  const message =
    MESSAGES[code] ?? (isSwitchboardError(err) && err.status < 500 ? err.message : 'Something went wrong; try again.');
  return { ok: false, code, message };
}

/** Escalation id of the packet thread, or undefined when the thread is not a packet. */
export async function escalationForThread(
  runtime: Runtime,
  ref: { platform: string; channelId: string; threadId: string },
): Promise<string | undefined> {
  return selectThreadEscalation(runtime.db, ref);
}

/** Create the inbound handlers a staff channel calls. `mode` alerts = packets only, no relay. */
export function createStaffHandlers(runtime: Runtime, mode: 'relay' | 'alerts'): StaffInboundHandlers {
  const { log } = runtime;
  const actions = createStaffActions(runtime.escalations);

  async function onStaffReply(e: StaffReplyEvent): Promise<StaffResult> {
    const escalationId = await escalationForThread(runtime, e);
    if (!escalationId) return { ok: false, code: 'unknown_thread' };
    if (mode === 'alerts') return { ok: false, code: 'alerts_only' };
    if (!e.text.trim()) return { ok: false, code: 'empty' };
    if (!(await claimChannelEvent(runtime.db, e.platform, `reply:${e.eventId}`)))
      return { ok: true, code: 'duplicate' };
    try {
      const staff = await resolveStaffUser(runtime.db, e.platform, e.userId, e.userName);
      await actions.reply(staff.id, escalationId, e.text, e.platform);
      return { ok: true, code: 'relayed' };
    } catch (err) {
      // Not relayed: forget the event so a corrected retry (or platform retry) can go through.
      await forgetChannelEvent(runtime.db, e.platform, `reply:${e.eventId}`).catch(() => {});
      const result = failure(err);
      if (result.code === 'error') log.error('staff reply relay failed', { escalationId, error: String(err) });
      return result;
    }
  }

  async function onStaffAction(e: StaffActionEvent): Promise<StaffResult> {
    try {
      const staff = await resolveStaffUser(runtime.db, e.platform, e.userId, e.userName);
      if (e.action === 'claim') {
        await actions.claim(staff.id, e.escalationId);
        return { ok: true, code: 'claimed' };
      }
      if (e.action === 'release') {
        await actions.release(staff.id, e.escalationId);
        return { ok: true, code: 'released' };
      }
      // Resolve on an unclaimed packet = "I took care of it": claim, then resolve.
      await actions.resolve(staff.id, e.escalationId, { note: `Resolved from ${e.platform}`, claimIfOpen: true });
      return { ok: true, code: 'resolved' };
    } catch (err) {
      const result = failure(err);
      if (result.code === 'error') log.error('staff action failed', { action: e.action, error: String(err) });
      return result;
    }
  }

  return { onStaffReply, onStaffAction };
}
