/**
 * Repository of recorded model calls (`model_calls`): the one insert (batched, used by the
 * recorder in recorder.ts) and the cost-report reads of stats.ts. Every function takes a
 * {@link Queryable}.
 */
import { botResolvedPredicate } from '../conversations/resolution-sql.js';
import type { ModelCallRecord } from '../core/models.js';
import type { Queryable } from '../db/db.js';

const COLUMNS = 13;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOrNull = (v: string | undefined) => (v && UUID.test(v) ? v : null);

/** Insert model calls in one statement (ids that are not uuids are stored as null; `created_at` = now). */
export async function insertModelCalls(q: Queryable, batch: ModelCallRecord[]): Promise<void> {
  const params: unknown[] = [];
  const rows = batch.map((c, i) => {
    params.push(
      uuidOrNull(c.conversationId),
      uuidOrNull(c.messageId),
      c.agent,
      c.tier,
      c.model,
      Math.round(c.tokensIn),
      Math.round(c.tokensOut),
      c.costUsd,
      Math.round(c.latencyMs),
      c.cacheHit,
      c.outcome,
      c.error ?? null,
      new Date(),
    );
    const base = i * COLUMNS;
    return `(${Array.from({ length: COLUMNS }, (_, k) => `$${base + k + 1}`).join(', ')})`;
  });
  await q.query(
    `INSERT INTO model_calls (conversation_id, message_id, agent, tier, model, tokens_in, tokens_out, cost_usd,
       latency_ms, cache_hit, outcome, error, created_at) VALUES ${rows.join(', ')}`,
    params,
  );
}

/** Customer messages created at or after `since`. */
export async function countCustomerMessages(q: Queryable, since: Date): Promise<number> {
  const r = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM messages WHERE role = 'customer' AND created_at >= $1`,
    [since],
  );
  return Number(r.rows[0]?.n ?? 0);
}

/** Calls, failed calls and cost (text, exact) per tier since `since`. */
export async function callsByTier(
  q: Queryable,
  since: Date,
): Promise<{ tier: string; calls: number; failed: number; cost: string }[]> {
  const r = await q.query<{ tier: string; calls: number; failed: number; cost: string }>(
    `SELECT tier, count(*)::int AS calls, count(*) FILTER (WHERE outcome = 'error')::int AS failed,
            coalesce(sum(cost_usd), 0)::text AS cost
     FROM model_calls WHERE created_at >= $1 GROUP BY tier ORDER BY tier`,
    [since],
  );
  return r.rows;
}

/** Calls and cost (text, exact) per agent since `since`. */
export async function callsByAgent(
  q: Queryable,
  since: Date,
): Promise<{ agent: string; calls: number; cost: string }[]> {
  const r = await q.query<{ agent: string; calls: number; cost: string }>(
    `SELECT agent, count(*)::int AS calls, coalesce(sum(cost_usd), 0)::text AS cost
     FROM model_calls WHERE created_at >= $1 GROUP BY agent ORDER BY agent`,
    [since],
  );
  return r.rows;
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

/**
 * Conversations with a customer message since `since` that are resolved: by the bot (the shared
 * rule, `returnWindowHours`) or, when escalated, by staff with none still active.
 */
export async function countResolvedConversations(
  q: Queryable,
  since: Date,
  returnWindowHours: number,
): Promise<number> {
  const r = await q.query<{ n: number }>(RESOLVED_SQL, [since, returnWindowHours]);
  return Number(r.rows[0]?.n ?? 0);
}
