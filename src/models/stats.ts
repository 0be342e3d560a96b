/**
 * Cost accounting over model_calls, for `GET /v1/staff/stats` and `bench --cost`.
 *
 * Definitions (window = rows created at or after `since`; all time when unset):
 * - customer messages: messages with role 'customer' in the window.
 * - calls per message: model_calls rows in the window (every attempt, failures included) / customer messages.
 * - cost per message: total cost_usd in the window / customer messages.
 * - resolved conversation: a conversation with a customer message in the window that either
 *   (a) was resolved by the bot (src/conversations/resolution-sql.ts: last reply a grounded answer,
 *       never handed over, not rated "Not helpful", customer did not come back), or
 *   (b) had an escalation, the latest of which is resolved and none is open or claimed.
 * - cost per resolved conversation: total cost in the window / resolved conversations
 *   (spend on unresolved conversations counts against the resolved ones; null when none resolved).
 * - tier share: fraction of the window's calls per tier.
 */
import { BOT_RESOLUTION_RETURN_WINDOW_HOURS, botResolvedPredicate } from '../conversations/resolution-sql.js';
import type { Queryable } from '../db/db.js';

/** Options of {@link modelCostStats}. */
export interface ModelCostStatsOptions {
  /** Start of the window (default: all time). */
  since?: Date;
  /** Return window of the bot-resolution rule in hours (default {@link BOT_RESOLUTION_RETURN_WINDOW_HOURS}). */
  returnWindowHours?: number;
}

/** Cost statistics of a window. */
export interface ModelCostStats {
  since: string | null;
  customerMessages: number;
  modelCalls: number;
  failedCalls: number;
  callsPerMessage: number;
  totalCostUsd: number;
  costPerMessageUsd: number;
  resolvedConversations: number;
  costPerResolvedConversationUsd: number | null;
  /** Share of calls per tier (0..1). */
  tierShare: Record<string, number>;
  byTier: { tier: string; calls: number; costUsd: number }[];
  byAgent: { agent: string; calls: number; costUsd: number }[];
}

const RESOLVED_SQL = `
WITH active AS (
  SELECT DISTINCT conversation_id FROM messages WHERE role = 'customer' AND created_at >= $1
), esc AS (
  SELECT conversation_id,
         count(*) AS n,
         bool_or(status IN ('open', 'claimed')) AS any_active,
         (array_agg(status ORDER BY created_at DESC))[1] AS latest
  FROM escalations WHERE status <> 'cancelled' GROUP BY conversation_id
)
SELECT count(*)::int AS n
FROM active a
JOIN conversations c ON c.id = a.conversation_id
LEFT JOIN esc e ON e.conversation_id = a.conversation_id
WHERE (e.conversation_id IS NULL AND ${botResolvedPredicate('c', '$2')})
   OR (e.conversation_id IS NOT NULL AND NOT e.any_active AND e.latest = 'resolved')`;

const num = (v: unknown) => Number(v ?? 0);
const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

/** Compute cost statistics (see the module comment for the definitions). */
export async function modelCostStats(db: Queryable, options: ModelCostStatsOptions = {}): Promise<ModelCostStats> {
  const since = options.since ?? new Date(0);
  const [messages, tiers, agents, resolved] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages WHERE role = 'customer' AND created_at >= $1`, [
      since,
    ]),
    db.query<{ tier: string; calls: number; failed: number; cost: string }>(
      `SELECT tier, count(*)::int AS calls, count(*) FILTER (WHERE outcome = 'error')::int AS failed,
              coalesce(sum(cost_usd), 0)::text AS cost
       FROM model_calls WHERE created_at >= $1 GROUP BY tier ORDER BY tier`,
      [since],
    ),
    db.query<{ agent: string; calls: number; cost: string }>(
      `SELECT agent, count(*)::int AS calls, coalesce(sum(cost_usd), 0)::text AS cost
       FROM model_calls WHERE created_at >= $1 GROUP BY agent ORDER BY agent`,
      [since],
    ),
    db.query<{ n: number }>(RESOLVED_SQL, [since, options.returnWindowHours ?? BOT_RESOLUTION_RETURN_WINDOW_HOURS]),
  ]);
  const customerMessages = num(messages.rows[0]?.n);
  const byTier = tiers.rows.map((r) => ({ tier: r.tier, calls: num(r.calls), costUsd: num(r.cost) }));
  const modelCalls = byTier.reduce((n, t) => n + t.calls, 0);
  const totalCostUsd = byTier.reduce((n, t) => n + t.costUsd, 0);
  const resolvedConversations = num(resolved.rows[0]?.n);
  return {
    since: options.since ? options.since.toISOString() : null,
    customerMessages,
    modelCalls,
    failedCalls: tiers.rows.reduce((n, r) => n + num(r.failed), 0),
    callsPerMessage: ratio(modelCalls, customerMessages),
    totalCostUsd,
    costPerMessageUsd: ratio(totalCostUsd, customerMessages),
    resolvedConversations,
    costPerResolvedConversationUsd: resolvedConversations > 0 ? totalCostUsd / resolvedConversations : null,
    tierShare: Object.fromEntries(byTier.map((t) => [t.tier, ratio(t.calls, modelCalls)])),
    byTier,
    byAgent: agents.rows.map((r) => ({ agent: r.agent, calls: num(r.calls), costUsd: num(r.cost) })),
  };
}
