/**
 * Support statistics for the staff console: conversations per day, bot resolution rate,
 * escalation rate by reason, median times to first human response and to resolution, CSAT from
 * feedback, and model cost per resolved conversation. All over the last `days` days.
 */
import { BOT_RESOLUTION_RETURN_WINDOW_HOURS, botResolvedPredicate } from '../conversations/resolution-sql.js';
import type { Queryable } from '../db/db.js';
import { type ModelCostStats, modelCostStats } from '../models/stats.js';

/** Result of {@link computeStaffStats}. */
export interface StaffStats {
  days: number;
  since: string;
  conversationsPerDay: { day: string; count: number }[];
  conversations: number;
  /**
   * Conversations resolved by the bot / conversations with a customer message. Resolved by the bot:
   * the last bot reply is a grounded answer, never handed over, not rated "Not helpful", and the
   * customer did not come back within `returnWindowHours` (src/conversations/resolution-sql.ts).
   */
  botResolutionRate: number | null;
  botResolved: number;
  /** The "came back" window of the bot-resolution rule, in hours. */
  returnWindowHours: number;
  escalations: number;
  escalationRate: number | null;
  escalationsByReason: { reason: string; count: number; rate: number }[];
  escalationsByStatus: Record<string, number>;
  /** Seconds. */
  medianFirstResponseSeconds: number | null;
  medianResolutionSeconds: number | null;
  csat: { positive: number; negative: number; neutral: number; score: number | null };
  /** Model spend (definitions in src/models/stats.ts). */
  cost: {
    totalUsd: number;
    resolvedConversations: number;
    perResolvedConversationUsd: number | null;
    perMessageUsd: number;
    calls: number;
    /** Model calls (every attempt) per customer message. */
    callsPerMessage: number;
    failedCalls: number;
    byTier: ModelCostStats['byTier'];
  };
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/** Compute the console statistics over the last `days` days (default 14, max 365). */
export async function computeStaffStats(
  db: Queryable,
  options: { days?: number; returnWindowHours?: number } = {},
): Promise<StaffStats> {
  const days = Math.min(Math.max(Math.floor(options.days ?? 14), 1), 365);
  const returnWindowHours = options.returnWindowHours ?? BOT_RESOLUTION_RETURN_WINDOW_HOURS;
  const sinceDate = new Date();
  sinceDate.setUTCHours(0, 0, 0, 0);
  sinceDate.setUTCDate(sinceDate.getUTCDate() - (days - 1));
  const since = sinceDate.toISOString();

  const [perDay, convs, byReason, byStatus, times, csat, cost] = await Promise.all([
    db.query<{ day: string; n: number }>(
      `SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*)::int AS n
       FROM conversations WHERE created_at >= $1 GROUP BY 1 ORDER BY 1`,
      [since],
    ),
    db.query<{ total: number; bot_resolved: number; escalated: number }>(
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
    ),
    db.query<{ reason: string; n: number }>(
      `SELECT reason, count(*)::int AS n FROM escalations WHERE created_at >= $1 GROUP BY reason ORDER BY n DESC, reason`,
      [since],
    ),
    db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM escalations WHERE created_at >= $1 GROUP BY status',
      [since],
    ),
    db.query<{ first: number | null; resolution: number | null }>(
      `SELECT
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at))
           FILTER (WHERE first_response_at IS NOT NULL) AS first,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at))
           FILTER (WHERE status = 'resolved' AND resolved_at IS NOT NULL) AS resolution
       FROM escalations WHERE created_at >= $1`,
      [since],
    ),
    db.query<{ pos: number; neg: number; neu: number }>(
      `SELECT count(*) FILTER (WHERE rating = 1)::int AS pos, count(*) FILTER (WHERE rating = -1)::int AS neg,
              count(*) FILTER (WHERE rating = 0)::int AS neu
       FROM feedback WHERE created_at >= $1`,
      [since],
    ),
    modelCostStats(db, { since: sinceDate, returnWindowHours }),
  ]);

  const counts = new Map(perDay.rows.map((r) => [r.day, num(r.n)]));
  const conversationsPerDay: StaffStats['conversationsPerDay'] = [];
  for (let i = 0; i < days; i++) {
    const d = new Date(sinceDate.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    conversationsPerDay.push({ day: d, count: counts.get(d) ?? 0 });
  }
  const c = convs.rows[0];
  const total = num(c?.total);
  const botResolved = num(c?.bot_resolved);
  const escalations = byReason.rows.reduce((s, r) => s + num(r.n), 0);
  const pos = num(csat.rows[0]?.pos);
  const neg = num(csat.rows[0]?.neg);
  return {
    days,
    since,
    conversationsPerDay,
    conversations: total,
    botResolutionRate: ratio(botResolved, total),
    botResolved,
    returnWindowHours,
    escalations,
    escalationRate: ratio(num(c?.escalated), total),
    escalationsByReason: byReason.rows.map((r) => ({
      reason: r.reason,
      count: num(r.n),
      rate: ratio(num(r.n), total) ?? 0,
    })),
    escalationsByStatus: Object.fromEntries(byStatus.rows.map((r) => [r.status, num(r.n)])),
    medianFirstResponseSeconds: numOrNull(times.rows[0]?.first),
    medianResolutionSeconds: numOrNull(times.rows[0]?.resolution),
    csat: { positive: pos, negative: neg, neutral: num(csat.rows[0]?.neu), score: ratio(pos, pos + neg) },
    cost: {
      totalUsd: cost.totalCostUsd,
      resolvedConversations: cost.resolvedConversations,
      perResolvedConversationUsd: cost.costPerResolvedConversationUsd,
      perMessageUsd: cost.costPerMessageUsd,
      calls: cost.modelCalls,
      callsPerMessage: cost.callsPerMessage,
      failedCalls: cost.failedCalls,
      byTier: cost.byTier,
    },
  };
}
