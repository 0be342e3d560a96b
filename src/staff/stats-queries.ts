/**
 * Reporting queries of the staff console statistics (src/staff/stats.ts): each reads one figure
 * over the window starting at `since` (ISO timestamp) and returns its raw rows.
 */
import { botResolvedPredicate } from '../conversations/resolution-sql.js';
import type { Queryable } from '../db/db.js';

/** New conversations per UTC day (`YYYY-MM-DD`). */
export async function newConversationsPerDay(q: Queryable, since: string): Promise<{ day: string; n: number }[]> {
  const r = await q.query<{ day: string; n: number }>(
    `SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*)::int AS n
     FROM conversations WHERE created_at >= $1 GROUP BY 1 ORDER BY 1`,
    [since],
  );
  return r.rows;
}

/** Conversations with a customer message, how many the bot resolved and how many were escalated. */
export async function conversationOutcomes(
  q: Queryable,
  since: string,
  returnWindowHours: number,
): Promise<{ total: number; bot_resolved: number; escalated: number } | undefined> {
  const r = await q.query<{ total: number; bot_resolved: number; escalated: number }>(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE bot_resolved)::int AS bot_resolved,
            count(*) FILTER (WHERE escalated)::int AS escalated
     FROM (
       SELECT c.id,
         ${botResolvedPredicate('c', '$2')} AS bot_resolved,
         EXISTS (SELECT 1 FROM escalations e WHERE e.conversation_id = c.id) AS escalated
       FROM conversations c
       WHERE c.created_at >= $1
         AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.role = 'customer')
     ) t`,
    [since, returnWindowHours],
  );
  return r.rows[0];
}

/** Escalations per reason, most frequent first. */
export async function escalationsByReason(q: Queryable, since: string): Promise<{ reason: string; n: number }[]> {
  const r = await q.query<{ reason: string; n: number }>(
    `SELECT reason, count(*)::int AS n FROM escalations WHERE created_at >= $1 GROUP BY reason ORDER BY n DESC, reason`,
    [since],
  );
  return r.rows;
}

/** Escalations per status. */
export async function escalationsByStatus(q: Queryable, since: string): Promise<{ status: string; n: number }[]> {
  const r = await q.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM escalations WHERE created_at >= $1 GROUP BY status',
    [since],
  );
  return r.rows;
}

/** Median seconds to the first staff response and to resolution. */
export async function escalationMedianTimes(
  q: Queryable,
  since: string,
): Promise<{ first: number | null; resolution: number | null } | undefined> {
  const r = await q.query<{ first: number | null; resolution: number | null }>(
    `SELECT
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at))
         FILTER (WHERE first_response_at IS NOT NULL) AS first,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at))
         FILTER (WHERE status = 'resolved' AND resolved_at IS NOT NULL) AS resolution
     FROM escalations WHERE created_at >= $1`,
    [since],
  );
  return r.rows[0];
}

/** Feedback ratings: positive (1), negative (-1) and neutral (0). */
export async function csatCounts(
  q: Queryable,
  since: string,
): Promise<{ pos: number; neg: number; neu: number } | undefined> {
  const r = await q.query<{ pos: number; neg: number; neu: number }>(
    `SELECT count(*) FILTER (WHERE rating = 1)::int AS pos, count(*) FILTER (WHERE rating = -1)::int AS neg,
            count(*) FILTER (WHERE rating = 0)::int AS neu
     FROM feedback WHERE created_at >= $1`,
    [since],
  );
  return r.rows[0];
}
