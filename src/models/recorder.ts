/**
 * Recorders for model calls: a batched, asynchronous Postgres/PGlite writer (never blocks a turn,
 * logs errors instead of throwing) and an in-memory one for tests and benchmarks.
 */
import type { ModelCallRecord, ModelCallRecorder } from '../core/models.js';
import type { Queryable } from '../db/db.js';
import { insertModelCalls } from './model-calls-repo.js';

/** Options of {@link createDbRecorder}. */
export interface DbRecorderOptions {
  /** Flush at most this long after the first queued record (default 200 ms). */
  flushMs?: number;
  /** Flush immediately when this many records are queued (default 50). */
  maxBatch?: number;
  /** Drop records beyond this queue length when the database is slow (default 10_000). */
  maxQueue?: number;
  /** Called with insert errors (default console.error). */
  onError?: (err: unknown) => void;
}

/** A recorder that can be flushed and closed. */
export interface FlushableRecorder extends ModelCallRecorder {
  /** Write everything queued so far. Never throws. */
  flush(): Promise<void>;
  /** Flush and stop the timer. */
  close(): Promise<void>;
}

/** Insert `model_calls` rows in batches, off the turn's critical path. */
export function createDbRecorder(db: Queryable, options: DbRecorderOptions = {}): FlushableRecorder {
  const { flushMs = 200, maxBatch = 50, maxQueue = 10_000 } = options;
  const onError = options.onError ?? ((err: unknown) => console.error('[models] model_calls insert failed:', err));
  let queue: ModelCallRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  let inflight: Promise<void> = Promise.resolve();

  const write = (batch: ModelCallRecord[]) => insertModelCalls(db, batch);

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = queue;
    queue = [];
    if (batch.length > 0) {
      inflight = inflight.then(() => write(batch).catch(onError));
    }
    return inflight;
  };

  return {
    record(call) {
      if (queue.length >= maxQueue) {
        onError(new Error('model_calls queue full; dropping a record'));
        return;
      }
      queue.push(call);
      if (queue.length >= maxBatch) void flush();
      else if (!timer) {
        timer = setTimeout(() => void flush(), flushMs);
        timer.unref?.();
      }
    },
    flush,
    async close() {
      await flush();
    },
  };
}

/** An in-memory recorder (tests, benchmarks). */
export interface MemoryRecorder extends ModelCallRecorder {
  readonly calls: ModelCallRecord[];
  clear(): void;
}

/** Create a recorder that keeps every call in memory. */
export function createMemoryRecorder(): MemoryRecorder {
  const calls: ModelCallRecord[] = [];
  return {
    calls,
    record(call) {
      calls.push(call);
    },
    clear() {
      calls.length = 0;
    },
  };
}
