-- Answer-cache counters per UTC day (issue 14.5), summed over every process: each process counts
-- lookups in memory and adds its counts here every few seconds (src/learning/cache-stats.ts).
CREATE TABLE answer_cache_stats (
  day date PRIMARY KEY,
  hits_exact bigint NOT NULL DEFAULT 0,
  hits_semantic bigint NOT NULL DEFAULT 0,
  misses bigint NOT NULL DEFAULT 0,
  wrong_hits_prevented bigint NOT NULL DEFAULT 0,
  model_calls_saved bigint NOT NULL DEFAULT 0,
  stores bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
