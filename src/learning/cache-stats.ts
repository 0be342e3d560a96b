/**
 * Answer-cache counters that outlive the process: the cache's `inc(...)` calls go to the runtime's
 * metrics (`/metrics`) as before and are also added up in memory per UTC day; every `flushMs`
 * (default 5 s, only when something changed) and on close the counts are added to
 * `answer_cache_stats` in one statement, so every process's lookups reach the staff stats page and
 * a lookup never waits for the database. Counts of a failed write are kept for the next flush.
 */
import type { Queryable } from '../core/database.js';
import type { CacheMetrics } from './answer-cache.js';
import { addCacheCounts, type CacheCounts, emptyCacheCounts } from './cache-stats-store.js';

/** Options of {@link createCacheStats}. */
export interface CacheStatsOptions {
  db: Queryable;
  /** Where every increment also goes (the runtime's metrics). */
  metrics?: CacheMetrics;
  /** Write pending counts at most this often (default 5000 ms). */
  flushMs?: number;
  /** Called with write errors (default: ignored; the counts are retried at the next flush). */
  onError?: (err: unknown) => void;
}

/** Result of {@link createCacheStats}. */
export interface CacheStats {
  /** Pass to the answer cache as its `metrics`. */
  metrics: CacheMetrics;
  /** Write the pending counts now (never throws). */
  flush(): Promise<void>;
  /** Flush and stop the timer. */
  close(): Promise<void>;
}

type Field = keyof CacheCounts;
const FIELD_OF: Record<string, Field | ((labels?: Record<string, string>) => Field | undefined)> = {
  answer_cache_lookups_total: (labels) =>
    labels?.result === 'hit_exact'
      ? 'hitsExact'
      : labels?.result === 'hit_semantic'
        ? 'hitsSemantic'
        : labels?.result?.startsWith('miss')
          ? 'misses'
          : undefined,
  answer_cache_model_calls_saved_total: 'modelCallsSaved',
  answer_cache_wrong_hits_prevented_total: 'wrongHitsPrevented',
  answer_cache_stores_total: 'stores',
};

/** Count answer-cache events in memory and persist them in batches. */
export function createCacheStats(options: CacheStatsOptions): CacheStats {
  const { db, metrics, flushMs = 5000, onError = () => {} } = options;
  let pending = new Map<string, CacheCounts>();
  let inflight: Promise<void> = Promise.resolve();

  const add = (into: Map<string, CacheCounts>, day: string, field: Field, by: number) => {
    const c = into.get(day) ?? emptyCacheCounts();
    c[field] += by;
    into.set(day, c);
  };

  const flush = (): Promise<void> => {
    if (pending.size === 0) return inflight;
    const batch = pending;
    pending = new Map();
    inflight = inflight.then(() =>
      addCacheCounts(db, batch).catch((err) => {
        onError(err);
        for (const [day, c] of batch) for (const f of Object.keys(c) as Field[]) add(pending, day, f, c[f]);
      }),
    );
    return inflight;
  };
  const timer = setInterval(() => void flush(), flushMs);
  timer.unref?.();

  return {
    metrics: {
      inc(name, labels, by = 1) {
        metrics?.inc(name, labels, by);
        const f = FIELD_OF[name];
        const field = typeof f === 'function' ? f(labels) : f;
        if (field && by) add(pending, new Date().toISOString().slice(0, 10), field, by);
      },
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
