/** Data layer of the answer-cache counters (`answer_cache_stats`, one row per UTC day). */
import type { Queryable } from '../core/database.js';

/** Answer-cache counts of a period (or of one process since its last flush). */
export interface CacheCounts {
  hitsExact: number;
  hitsSemantic: number;
  /** Lookups that found nothing, plus semantic candidates the wrong-hit check refused. */
  misses: number;
  /** Semantic candidates refused because retrieval now leads elsewhere (also counted in `misses`). */
  wrongHitsPrevented: number;
  /** Paid model calls the hits did not make. */
  modelCallsSaved: number;
  /** Answers stored in the cache. */
  stores: number;
}

/** Counts that are all zero. */
export const emptyCacheCounts = (): CacheCounts => ({
  hitsExact: 0,
  hitsSemantic: 0,
  misses: 0,
  wrongHitsPrevented: 0,
  modelCallsSaved: 0,
  stores: 0,
});

/** Add counts to each day's row (`YYYY-MM-DD` UTC), in one statement. */
export async function addCacheCounts(db: Queryable, byDay: Map<string, CacheCounts>): Promise<void> {
  if (byDay.size === 0) return;
  const params: unknown[] = [];
  const rows: string[] = [];
  for (const [day, c] of byDay) {
    const at = params.length;
    params.push(day, c.hitsExact, c.hitsSemantic, c.misses, c.wrongHitsPrevented, c.modelCallsSaved, c.stores);
    rows.push(`($${at + 1}::date, ${[2, 3, 4, 5, 6, 7].map((i) => `$${at + i}::bigint`).join(', ')})`);
  }
  await db.query(
    `INSERT INTO answer_cache_stats AS s
       (day, hits_exact, hits_semantic, misses, wrong_hits_prevented, model_calls_saved, stores)
     VALUES ${rows.join(', ')}
     ON CONFLICT (day) DO UPDATE SET
       hits_exact = s.hits_exact + EXCLUDED.hits_exact,
       hits_semantic = s.hits_semantic + EXCLUDED.hits_semantic,
       misses = s.misses + EXCLUDED.misses,
       wrong_hits_prevented = s.wrong_hits_prevented + EXCLUDED.wrong_hits_prevented,
       model_calls_saved = s.model_calls_saved + EXCLUDED.model_calls_saved,
       stores = s.stores + EXCLUDED.stores,
       updated_at = now()`,
    params,
  );
}

/** Sum of the days from `sinceDay` (`YYYY-MM-DD` UTC) on. */
export async function cacheCountsSince(db: Queryable, sinceDay: string): Promise<CacheCounts> {
  const r = await db.query<Record<string, string | null>>(
    `SELECT sum(hits_exact) AS he, sum(hits_semantic) AS hs, sum(misses) AS mi,
            sum(wrong_hits_prevented) AS wp, sum(model_calls_saved) AS ms, sum(stores) AS st
     FROM answer_cache_stats WHERE day >= $1::date`,
    [sinceDay],
  );
  const x = r.rows[0] ?? {};
  const n = (v: string | null | undefined) => Number(v ?? 0);
  return {
    hitsExact: n(x.he),
    hitsSemantic: n(x.hs),
    misses: n(x.mi),
    wrongHitsPrevented: n(x.wp),
    modelCallsSaved: n(x.ms),
    stores: n(x.st),
  };
}
