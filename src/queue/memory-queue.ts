import type { JobName, JobPayloads, JobQueue, Logger } from '../core/services.js';
import { isPermanentFailure, retry } from '../runtime/retry.js';

type Handler = (payload: unknown) => Promise<void>;
interface Pending {
  name: JobName;
  payload: unknown;
  jobId?: string;
}

/**
 * In-process queue with the JobQueue interface (embedded mode). Jobs with the same `jobId` are
 * de-duplicated while queued or running. Failed jobs are logged and tried up to 3 times
 * in all (permanent failures, e.g. bad input or a constraint violation, once).
 */
export function createMemoryQueue(log: Logger): JobQueue {
  const handlers = new Map<JobName, { fn: Handler; concurrency: number; running: number }>();
  const waiting = new Map<JobName, Pending[]>();
  const known = new Set<string>();
  const timers = new Map<NodeJS.Timeout, Pending>();
  const running = new Set<Pending>();
  const idle = new Set<() => void>();
  let closed = false;

  const pump = (name: JobName) => {
    const h = handlers.get(name);
    const list = waiting.get(name);
    if (!h || !list || closed) return;
    while (h.running < h.concurrency && list.length > 0) {
      const job = list.shift()!;
      h.running++;
      running.add(job);
      void run(job, h).finally(() => {
        h.running--;
        running.delete(job);
        if (job.jobId) known.delete(job.jobId);
        if (running.size === 0) for (const f of idle) f();
        pump(name);
      });
    }
  };

  const run = async (job: Pending, h: { fn: Handler }): Promise<void> => {
    try {
      await retry(() => h.fn(job.payload), {
        attempts: 3,
        baseDelayMs: 50,
        isRetryable: (err) => !closed && !isPermanentFailure(err),
        onRetry: (err, attempt) => log.warn('job failed, retrying', { job: job.name, attempt, err }),
      });
    } catch (err) {
      log.error('job failed', { job: job.name, err });
    }
  };

  const enqueue = (job: Pending) => {
    if (closed) return;
    const list = waiting.get(job.name) ?? [];
    waiting.set(job.name, list);
    list.push(job);
    pump(job.name);
  };

  return {
    kind: 'memory',
    async add<N extends JobName>(name: N, payload: JobPayloads[N], options: { jobId?: string; delayMs?: number } = {}) {
      const key = options.jobId ? `${name}:${options.jobId}` : undefined;
      if (key) {
        if (known.has(key)) return;
        known.add(key);
      }
      const job: Pending = { name, payload, jobId: key };
      if (options.delayMs && options.delayMs > 0) {
        const t = setTimeout(() => {
          timers.delete(t);
          enqueue(job);
        }, options.delayMs);
        timers.set(t, job);
      } else enqueue(job);
    },
    process<N extends JobName>(name: N, handler: (payload: JobPayloads[N]) => Promise<void>, concurrency: number) {
      handlers.set(name, { fn: handler as Handler, concurrency, running: 0 });
      pump(name);
    },
    async depth() {
      let n = 0;
      for (const l of waiting.values()) n += l.length;
      for (const h of handlers.values()) n += h.running;
      return n;
    },
    async pending<N extends JobName>(name: N) {
      const live = [...(waiting.get(name) ?? []), ...running, ...timers.values()];
      return live.filter((j) => j.name === name).map((j) => j.payload as JobPayloads[N]);
    },
    async ping() {
      return !closed;
    },
    async close(graceMs = 30_000) {
      closed = true;
      for (const t of timers.keys()) clearTimeout(t);
      timers.clear();
      // Running jobs get the grace period; after it they are abandoned (the process is exiting and
      // the sweeper of the next start re-queues their unfinished work).
      if (running.size === 0) return;
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, graceMs);
        t.unref();
        function done() {
          clearTimeout(t);
          idle.delete(done);
          resolve();
        }
        idle.add(done);
      });
    },
  };
}
