import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { JobName, JobPayloads, JobQueue, Logger } from '../runtime/types.js';

/** Options for {@link createBullmqQueue}. */
export interface BullmqQueueOptions {
  redisUrl: string;
  /** Queue name prefix (default "switchboard"); tests use a unique prefix. */
  prefix?: string;
  log: Logger;
}

const NAMES: JobName[] = ['turn', 'deliver'];

/**
 * BullMQ-backed JobQueue (REDIS_URL set). One BullMQ queue per job name; `jobId` de-duplicates;
 * failed jobs retry 3 times with exponential backoff; completed jobs are removed.
 */
export function createBullmqQueue(options: BullmqQueueOptions): JobQueue {
  const prefix = options.prefix ?? 'switchboard';
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
  connection.on('error', (err) => options.log.warn('redis connection error', { err }));
  const queues = new Map(NAMES.map((n) => [n, new Queue(n, { connection, prefix })]));
  const workers: Worker[] = [];
  /** Connections we created for workers: BullMQ does not close connections it was given. */
  const owned: Redis[] = [connection];

  return {
    kind: 'bullmq',
    async add<N extends JobName>(name: N, payload: JobPayloads[N], opts: { jobId?: string; delayMs?: number } = {}) {
      await queues.get(name)!.add(name, payload, {
        jobId: opts.jobId?.replace(/:/g, '_'),
        delay: opts.delayMs,
        attempts: 3,
        backoff: { type: 'exponential', delay: 200 },
        removeOnComplete: true,
        removeOnFail: 1000,
      });
    },
    process<N extends JobName>(name: N, handler: (payload: JobPayloads[N]) => Promise<void>, concurrency: number) {
      const workerConnection = connection.duplicate();
      owned.push(workerConnection);
      const worker = new Worker(name, async (job) => handler(job.data as JobPayloads[N]), {
        connection: workerConnection,
        prefix,
        concurrency,
      });
      worker.on('failed', (job, err) => options.log.warn('job failed', { job: name, id: job?.id, err }));
      worker.on('error', (err) => options.log.warn('worker error', { job: name, err }));
      workers.push(worker);
    },
    async depth() {
      let n = 0;
      for (const q of queues.values()) {
        const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        n += (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0);
      }
      return n;
    },
    async ping() {
      try {
        return (await connection.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
      for (const c of owned) c.disconnect();
    },
  };
}
