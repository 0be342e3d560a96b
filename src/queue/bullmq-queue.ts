import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { SwitchboardError } from '../core/index.js';
import type { JobName, JobPayloads, JobQueue, Logger } from '../core/services.js';
import { createRedisStateWatcher } from './redis-state.js';

/** Options for {@link createBullmqQueue}. */
export interface BullmqQueueOptions {
  redisUrl: string;
  /** Queue name prefix (default "switchboard"); tests use a unique prefix. */
  prefix?: string;
  log: Logger;
}

const NAMES: JobName[] = ['turn', 'deliver'];

/**
 * Stalled-job settings (issue 11.2): a worker renews its job locks every `lockDuration / 2` while
 * its event loop runs; a killed worker's jobs are found at the next stalled check after the lock
 * expires and handed to another worker: at most ~lockDuration + stalledInterval = 15 s.
 * (BullMQ's default is 30 s + 30 s.) The per-conversation turn lease keeps a re-taken turn from
 * running twice at the same time.
 */
export const LOCK_DURATION_MS = 10_000;
export const STALLED_INTERVAL_MS = 5_000;
/** Longest wait for one Redis command from a request path (enqueue, health). */
export const REDIS_COMMAND_TIMEOUT_MS = 1_500;
/** Job states that mean "someone will still run it". */
const LIVE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

/**
 * BullMQ-backed JobQueue (REDIS_URL set). One BullMQ queue per job name; `jobId` de-duplicates;
 * failed jobs retry 3 times with exponential backoff; completed jobs are removed.
 */
export function createBullmqQueue(options: BullmqQueueOptions): JobQueue {
  const prefix = options.prefix ?? 'switchboard';
  const state = createRedisStateWatcher(options.log, 'queue');
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
  state.watch(connection, 'connection');
  const queues = new Map(
    NAMES.map((n) => {
      const q = new Queue(n, { connection, prefix });
      state.watch(q, `queue ${n}`);
      return [n, q];
    }),
  );
  const workers: Worker[] = [];
  /** Connections we created for workers: BullMQ does not close connections it was given. */
  const owned: Redis[] = [connection];

  return {
    kind: 'bullmq',
    async add<N extends JobName>(name: N, payload: JobPayloads[N], opts: { jobId?: string; delayMs?: number } = {}) {
      const added = queues.get(name)!.add(name, payload, {
        jobId: opts.jobId?.replace(/:/g, '_'),
        delay: opts.delayMs,
        attempts: 3,
        backoff: { type: 'exponential', delay: 200 },
        removeOnComplete: true,
        removeOnFail: 1000,
      });
      // While Redis is away a command waits for the reconnect: never hold a request that long.
      // The job may still be added later (same jobId); if not, the sweeper re-queues the work.
      added.catch(() => {});
      await timebox(added, REDIS_COMMAND_TIMEOUT_MS, 'queue_unavailable', 'the job queue (Redis) is not answering');
      state.up();
    },
    process<N extends JobName>(name: N, handler: (payload: JobPayloads[N]) => Promise<void>, concurrency: number) {
      const workerConnection = connection.duplicate();
      owned.push(workerConnection);
      const worker = new Worker(name, async (job) => handler(job.data as JobPayloads[N]), {
        connection: workerConnection,
        prefix,
        concurrency,
        lockDuration: LOCK_DURATION_MS,
        stalledInterval: STALLED_INTERVAL_MS,
        maxStalledCount: 3,
      });
      worker.on('failed', (job, err) => options.log.warn('job failed', { job: name, id: job?.id, err }));
      state.watch(worker, `worker ${name}`);
      workers.push(worker);
    },
    async depth() {
      let n = 0;
      for (const q of queues.values()) {
        const c = await timebox(
          q.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
          REDIS_COMMAND_TIMEOUT_MS,
          'queue_unavailable',
          'the job queue (Redis) is not answering',
        );
        n += (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0);
      }
      return n;
    },
    async pending<N extends JobName>(name: N, limit = 5000) {
      const jobs = await queues.get(name)!.getJobs([...LIVE_STATES], 0, limit - 1);
      return jobs.filter(Boolean).map((j) => j.data as JobPayloads[N]);
    },
    async ping(timeoutMs = REDIS_COMMAND_TIMEOUT_MS) {
      try {
        const ok = (await timebox(connection.ping(), timeoutMs, 'queue_unavailable', 'no answer')) === 'PONG';
        if (ok) state.up();
        return ok;
      } catch {
        return false;
      }
    },
    async close(graceMs) {
      // Workers finish their active jobs within the grace period; after it they are closed by force
      // and their jobs are retaken by another worker after the lock expires (LOCK_DURATION_MS).
      await Promise.all(
        workers.map(async (w) => {
          const graceful = w.close();
          graceful.catch(() => {});
          const done = await Promise.race([
            graceful.then(() => true),
            new Promise<boolean>((r) => setTimeout(() => r(false), graceMs ?? 30_000).unref()),
          ]);
          // A force close can wait on a Redis that is gone: bounded too.
          if (!done) await timebox(w.close(true), 2000, 'queue_close', 'worker close timed out').catch(() => {});
        }),
      );
      await Promise.all([...queues.values()].map((q) => timebox(q.close(), 2000, 'x', 'x').catch(() => {})));
      for (const c of owned) c.disconnect();
    },
  };
}

/** Reject with a retryable SwitchboardError when `p` takes longer than `ms`. */
function timebox<T>(p: Promise<T>, ms: number, code: string, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SwitchboardError(code, message, { status: 503, isRetryable: true })), ms);
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
