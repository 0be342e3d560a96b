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
import { BOT_RESOLUTION_RETURN_WINDOW_HOURS } from '../conversations/resolution-sql.js';
import type { Queryable } from '../db/db.js';
import { callsByAgent, callsByTier, countCustomerMessages, countResolvedConversations } from './model-calls-repo.js';

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

const num = (v: unknown) => Number(v ?? 0);
const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

/** Compute cost statistics (see the module comment for the definitions). */
export async function modelCostStats(db: Queryable, options: ModelCostStatsOptions = {}): Promise<ModelCostStats> {
  const since = options.since ?? new Date(0);
  const [customerMessages, tiers, agents, resolvedConversations] = await Promise.all([
    countCustomerMessages(db, since),
    callsByTier(db, since),
    callsByAgent(db, since),
    countResolvedConversations(db, since, options.returnWindowHours ?? BOT_RESOLUTION_RETURN_WINDOW_HOURS),
  ]);
  const byTier = tiers.map((r) => ({ tier: r.tier, calls: num(r.calls), costUsd: num(r.cost) }));
  const modelCalls = byTier.reduce((n, t) => n + t.calls, 0);
  const totalCostUsd = byTier.reduce((n, t) => n + t.costUsd, 0);
  return {
    since: options.since ? options.since.toISOString() : null,
    customerMessages,
    modelCalls,
    failedCalls: tiers.reduce((n, r) => n + num(r.failed), 0),
    callsPerMessage: ratio(modelCalls, customerMessages),
    totalCostUsd,
    costPerMessageUsd: ratio(totalCostUsd, customerMessages),
    resolvedConversations,
    costPerResolvedConversationUsd: resolvedConversations > 0 ? totalCostUsd / resolvedConversations : null,
    tierShare: Object.fromEntries(byTier.map((t) => [t.tier, ratio(t.calls, modelCalls)])),
    byTier,
    byAgent: agents.map((r) => ({ agent: r.agent, calls: num(r.calls), costUsd: num(r.cost) })),
  };
}
