/**
 * Data layer of the staff channels: which packet was posted where (`staff_packet_posts`, also the
 * cross-process claim to post it and the relay cursor), packet threads (`staff_threads`) and
 * platform events already handled (`staff_channel_events`). Every function takes a
 * {@link Queryable}, so a caller can pass a transaction.
 */
import type { Queryable } from '../db/db.js';

/** Where a packet was posted on a platform. */
export interface PostedThread {
  channel_id: string | null;
  thread_id: string | null;
}

/** The channel and thread of the escalation's packet on `platform` (null when never claimed). */
export async function selectPostedThread(
  q: Queryable,
  escalationId: string,
  platform: string,
): Promise<PostedThread | null> {
  const r = await q.query<PostedThread>(
    'SELECT channel_id, thread_id FROM staff_packet_posts WHERE escalation_id = $1 AND platform = $2',
    [escalationId, platform],
  );
  return r.rows[0] ?? null;
}

/** Claim posting the escalation's packet on `platform`; false when this or another process already did. */
export async function claimPacketPost(q: Queryable, escalationId: string, platform: string): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO staff_packet_posts (escalation_id, platform) VALUES ($1, $2)
     ON CONFLICT DO NOTHING RETURNING escalation_id`,
    [escalationId, platform],
  );
  return r.rowCount > 0;
}

/** Record the posted packet: its thread (for staff replies) and the relay cursor at `maxSeq`. */
export async function recordPostedPacket(
  q: Queryable,
  p: { escalationId: string; platform: string; channelId: string; threadId: string; maxSeq: number },
): Promise<void> {
  await q.query(
    `INSERT INTO staff_threads (escalation_id, platform, channel_id, thread_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [p.escalationId, p.platform, p.channelId, p.threadId],
  );
  await q.query(
    `UPDATE staff_packet_posts SET channel_id = $3, thread_id = $4, last_relayed_seq = $5
     WHERE escalation_id = $1 AND platform = $2`,
    [p.escalationId, p.platform, p.channelId, p.threadId, p.maxSeq],
  );
}

/** Give up a claim whose packet was never posted (so a later attempt can post it). */
export async function releasePacketPostClaim(q: Queryable, escalationId: string, platform: string): Promise<void> {
  await q.query('DELETE FROM staff_packet_posts WHERE escalation_id = $1 AND platform = $2 AND thread_id IS NULL', [
    escalationId,
    platform,
  ]);
}

/** Drop claims older than five minutes whose packet was never posted (the poster died). */
export async function deleteAbandonedPacketClaims(q: Queryable): Promise<void> {
  await q.query(`DELETE FROM staff_packet_posts WHERE thread_id IS NULL AND created_at < now() - interval '5 minutes'`);
}

/** Active escalations without a packet on `platform` (oldest first, at most 100). */
export async function escalationsWithoutPacket(q: Queryable, platform: string): Promise<string[]> {
  const r = await q.query<{ id: string }>(
    `SELECT e.id FROM escalations e
      WHERE e.status IN ('open', 'claimed')
        AND NOT EXISTS (SELECT 1 FROM staff_packet_posts p WHERE p.escalation_id = e.id AND p.platform = $1)
      ORDER BY e.created_at LIMIT 100`,
    [platform],
  );
  return r.rows.map((row) => row.id);
}

/** The relay cursor (last conversation seq copied into the thread); NaN when there is none. */
export async function selectRelayCursor(q: Queryable, escalationId: string, platform: string): Promise<number> {
  const r = await q.query<{ last_relayed_seq: string | number }>(
    'SELECT last_relayed_seq FROM staff_packet_posts WHERE escalation_id = $1 AND platform = $2',
    [escalationId, platform],
  );
  return Number(r.rows[0]?.last_relayed_seq ?? Number.NaN);
}

/** Move the relay cursor from `from` to `to` (compare-and-set); false when another process moved it. */
export async function advanceRelayCursor(
  q: Queryable,
  c: { escalationId: string; platform: string; from: number; to: number },
): Promise<boolean> {
  const r = await q.query(
    `UPDATE staff_packet_posts SET last_relayed_seq = $4
      WHERE escalation_id = $1 AND platform = $2 AND last_relayed_seq = $3 RETURNING escalation_id`,
    [c.escalationId, c.platform, c.from, c.to],
  );
  return r.rowCount > 0;
}

/** Escalation id of a packet thread, or undefined when the thread is not a packet. */
export async function selectThreadEscalation(
  q: Queryable,
  ref: { platform: string; channelId: string; threadId: string },
): Promise<string | undefined> {
  const r = await q.query<{ escalation_id: string }>(
    'SELECT escalation_id FROM staff_threads WHERE platform = $1 AND channel_id = $2 AND thread_id = $3',
    [ref.platform, ref.channelId, ref.threadId],
  );
  return r.rows[0]?.escalation_id;
}

/** Record a platform event key; false when it was already handled (by any process). */
export async function claimChannelEvent(q: Queryable, platform: string, key: string): Promise<boolean> {
  const r = await q.query(
    'INSERT INTO staff_channel_events (platform, event_key) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_key',
    [platform, key],
  );
  return r.rowCount > 0;
}

/** Forget a handled event key (so a retry of the same event goes through). */
export async function forgetChannelEvent(q: Queryable, platform: string, key: string): Promise<void> {
  await q.query('DELETE FROM staff_channel_events WHERE platform = $1 AND event_key = $2', [platform, key]);
}
