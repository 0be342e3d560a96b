/**
 * attachStaffChannels: listens to escalation events on the bus and keeps every staff channel in
 * step — post the handoff packet once (even with many processes on one bus), re-render it and
 * leave a thread note on claim / release / resolve, and copy new customer lines and staff replies
 * written elsewhere (console, the other platform) into the packet thread while a human owns the
 * conversation. Staff input comes back through createStaffHandlers.
 */
import { customerAndStaffLinesAfter, type ThreadLineRow } from '../conversations/repo.js';
import type { BusEvent } from '../core/services.js';
import { isMarkedRetryable, retry } from '../runtime/retry.js';
import type { Runtime } from '../runtime/runtime.js';
import { loadHandoffPacket } from './packet.js';
import { createStaffHandlers } from './relay.js';
import {
  advanceRelayCursor,
  claimChannelEvent,
  claimPacketPost,
  deleteAbandonedPacketClaims,
  escalationsWithoutPacket,
  recordPostedPacket,
  releasePacketPostClaim,
  selectPostedThread,
  selectRelayCursor,
} from './staff-channel-store.js';
import type { StaffChannel, StaffThreadRef } from './types.js';

/** Platform calls: wait out rate limits and transient failures (4 attempts, 1 s doubling, at most 30 s). */
const withRetry = <T>(fn: () => Promise<T>): Promise<T> =>
  retry(fn, { attempts: 4, baseDelayMs: 1000, maxDelayMs: 30_000, isRetryable: isMarkedRetryable });

type EscalationEvent = Extract<BusEvent, { type: 'escalation' }>;

/**
 * The thread text for one conversation line on `platform`: `Customer: …`, or `Ana (console): …` for
 * a staff reply written elsewhere; undefined for replies written on `platform` itself (already in
 * its thread) and staff lines without a recorded source.
 */
function threadLine(row: ThreadLineRow, platform: string): string | undefined {
  if (row.role === 'customer') return `Customer: ${row.text}`;
  if (!row.source || row.source === platform) return undefined;
  return `${row.author_name?.trim() || 'Staff'} (${row.source}): ${row.text}`;
}

/**
 * Attach staff channels to a runtime. Returns a detach function that stops listening and waits for
 * in-flight posts.
 */
export function attachStaffChannels(runtime: Runtime, channels: StaffChannel[]): () => Promise<void> {
  if (channels.length === 0) return async () => {};
  const { db, log } = runtime;
  for (const ch of channels) ch.listen(createStaffHandlers(runtime, ch.mode));
  const chains = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();

  /** Serialize work per escalation (a packet must exist before it is updated). */
  function enqueue(escalationId: string, fn: () => Promise<void>): void {
    const prev = chains.get(escalationId) ?? Promise.resolve();
    const next = prev
      .then(fn)
      .catch((err) => log.error('staff channel update failed', { escalationId, error: String(err) }));
    chains.set(escalationId, next);
    inFlight.add(next);
    void next.finally(() => {
      inFlight.delete(next);
      if (chains.get(escalationId) === next) chains.delete(escalationId);
    });
  }

  async function postedRef(ch: StaffChannel, escalationId: string): Promise<StaffThreadRef | undefined> {
    const row = await selectPostedThread(db, escalationId, ch.platform);
    return row?.channel_id && row.thread_id
      ? { platform: ch.platform, channelId: row.channel_id, threadId: row.thread_id }
      : undefined;
  }

  /** Post the packet unless this (or another) process already did. */
  async function ensurePosted(ch: StaffChannel, escalationId: string): Promise<void> {
    const escalation = await runtime.escalations.get(escalationId);
    if (!escalation || (escalation.status !== 'open' && escalation.status !== 'claimed')) return;
    if (!(await claimPacketPost(db, escalationId, ch.platform))) return;
    try {
      const packet = await loadHandoffPacket(db, escalation);
      const ref = await withRetry(() => ch.postPacket(packet));
      await db.transaction((tx) =>
        recordPostedPacket(tx, {
          escalationId,
          platform: ch.platform,
          channelId: ref.channelId,
          threadId: ref.threadId,
          maxSeq: packet.maxSeq,
        }),
      );
      log.info('staff packet posted', { escalationId, platform: ch.platform, threadId: ref.threadId });
    } catch (err) {
      await releasePacketPostClaim(db, escalationId, ch.platform);
      throw err;
    }
  }

  function noteFor(event: string, who: string, mode: 'relay' | 'alerts'): string | undefined {
    if (event === 'claimed' || event === 'reassigned')
      return mode === 'relay'
        ? `${who} claimed this conversation. Their replies in this thread go to the customer.`
        : `${who} claimed this conversation.`;
    if (event === 'released') return `${who} released this conversation; it is back in the queue.`;
    if (event === 'resolved') return `Resolved by ${who}. The assistant is back in charge of the conversation.`;
    if (event === 'cancelled') return 'The handoff was cancelled; the assistant is back in charge.';
    return undefined;
  }

  /** Re-render the packet and leave one note (once across processes). */
  async function refresh(ch: StaffChannel, e: EscalationEvent): Promise<void> {
    await ensurePosted(ch, e.escalationId);
    const ref = await postedRef(ch, e.escalationId);
    const escalation = await runtime.escalations.get(e.escalationId);
    if (!ref || !escalation) return;
    const packet = await loadHandoffPacket(db, escalation);
    await withRetry(() => ch.updatePacket(ref, packet));
    const who = packet.assigneeName ?? 'A staff member';
    const note = noteFor(e.event, who, ch.mode);
    if (!note) return;
    const key = `note:${e.escalationId}:${e.event}:${escalation.updatedAt}`;
    if (await claimChannelEvent(db, ch.platform, key)) await withRetry(() => ch.postUpdate(ref, note));
  }

  /**
   * Copy conversation lines written since the last relay into the packet thread, in order: customer
   * lines, and staff replies written elsewhere (console, the other chat platform) so staff working
   * in this thread see the whole conversation. A reply written in this platform's thread is already
   * there and is skipped (as are staff lines of unknown origin). The cursor advances by
   * compare-and-set, so each line is posted once even when several processes see the same event.
   */
  async function relayThreadLines(ch: StaffChannel, e: EscalationEvent): Promise<void> {
    const ref = await postedRef(ch, e.escalationId);
    if (!ref) return;
    for (let round = 0; round < 5; round++) {
      const from = await selectRelayCursor(db, e.escalationId, ch.platform);
      if (!Number.isFinite(from)) return;
      const rows = await customerAndStaffLinesAfter(db, e.conversationId, from, 20);
      const last = rows.at(-1);
      if (!last) return;
      const to = Number(last.seq);
      const claimed = await advanceRelayCursor(db, { escalationId: e.escalationId, platform: ch.platform, from, to });
      if (!claimed) continue; // another process moved the cursor: look again
      for (const row of rows) {
        const line = threadLine(row, ch.platform);
        if (line) await withRetry(() => ch.postUpdate(ref, line));
      }
      if (rows.length < 20) return;
    }
  }

  async function handle(e: EscalationEvent): Promise<void> {
    for (const ch of channels) {
      if (e.event === 'opened') await ensurePosted(ch, e.escalationId);
      else if (e.event === 'customer_message' || e.event === 'replied') await relayThreadLines(ch, e);
      else if (noteFor(e.event, '', ch.mode) !== undefined) await refresh(ch, e);
    }
  }

  const unsubscribe = runtime.bus.subscribe((event) => {
    if (event.type === 'escalation') enqueue(event.escalationId, () => handle(event));
  });

  // Packets for escalations opened while no process was listening.
  enqueue('sweep', async () => {
    await deleteAbandonedPacketClaims(db);
    for (const ch of channels) {
      for (const id of await escalationsWithoutPacket(db, ch.platform)) enqueue(id, () => ensurePosted(ch, id));
    }
  });

  return async () => {
    unsubscribe();
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };
}
