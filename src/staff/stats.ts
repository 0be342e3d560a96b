/**
 * Support statistics for the staff console: conversations per day, bot resolution rate,
 * escalation rate by reason, median times to first human response and to resolution, CSAT from
 * feedback, model cost per resolved conversation and the answer cache's figures. All over the last
 * `days` days.
 */
import { BOT_RESOLUTION_RETURN_WINDOW_HOURS } from '../conversations/resolution-sql.js';
import type { Queryable } from '../db/db.js';
import { cacheCountsSince } from '../learning/cache-stats-store.js';
import { type ModelCostStats, modelCostStats } from '../models/stats.js';
import {
  conversationOutcomes,
  csatCounts,
  escalationMedianTimes,
  escalationsByReason,
  escalationsByStatus,
  newConversationsPerDay,
} from './stats-queries.js';

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
  /** Answer cache (issue 14.5), summed over every process from `answer_cache_stats` (UTC days). */
  cache: {
    /** Lookups: first questions without context checked against the cache. */
    lookups: number;
    exactHits: number;
    semanticHits: number;
    /** Lookups served nothing (wrong-hit refusals included). */
    misses: number;
    /** (exact + semantic hits) / lookups; null without lookups. */
    hitRate: number | null;
    /** Paid model calls the original turns made that the hits did not repeat. */
    modelCallsSaved: number;
    /** Semantic matches refused because retrieval now puts another article first for the wording. */
    wrongHitsPrevented: number;
    /** Answers stored. */
    stores: number;
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

  const [perDay, c, byReason, byStatus, times, csat, cost, cache] = await Promise.all([
    newConversationsPerDay(db, since),
    conversationOutcomes(db, since, returnWindowHours),
    escalationsByReason(db, since),
    escalationsByStatus(db, since),
    escalationMedianTimes(db, since),
    csatCounts(db, since),
    modelCostStats(db, { since: sinceDate, returnWindowHours }),
    cacheCountsSince(db, since.slice(0, 10)),
  ]);

  const counts = new Map(perDay.map((r) => [r.day, num(r.n)]));
  const conversationsPerDay: StaffStats['conversationsPerDay'] = [];
  for (let i = 0; i < days; i++) {
    const d = new Date(sinceDate.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    conversationsPerDay.push({ day: d, count: counts.get(d) ?? 0 });
  }
  const total = num(c?.total);
  const botResolved = num(c?.bot_resolved);
  const escalations = byReason.reduce((s, r) => s + num(r.n), 0);
  const pos = num(csat?.pos);
  const neg = num(csat?.neg);
  const cacheHits = cache.hitsExact + cache.hitsSemantic;
  const lookups = cacheHits + cache.misses;
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
    escalationsByReason: byReason.map((r) => ({
      reason: r.reason,
      count: num(r.n),
      rate: ratio(num(r.n), total) ?? 0,
    })),
    escalationsByStatus: Object.fromEntries(byStatus.map((r) => [r.status, num(r.n)])),
    medianFirstResponseSeconds: numOrNull(times?.first),
    medianResolutionSeconds: numOrNull(times?.resolution),
    csat: { positive: pos, negative: neg, neutral: num(csat?.neu), score: ratio(pos, pos + neg) },
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
    cache: {
      lookups,
      exactHits: cache.hitsExact,
      semanticHits: cache.hitsSemantic,
      misses: cache.misses,
      hitRate: ratio(cacheHits, lookups),
      modelCallsSaved: cache.modelCallsSaved,
      wrongHitsPrevented: cache.wrongHitsPrevented,
      stores: cache.stores,
    },
  };
}
