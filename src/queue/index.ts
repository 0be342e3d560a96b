import type { JobQueue, Logger } from '../core/services.js';
import { createBullmqQueue } from './bullmq-queue.js';
import { createMemoryQueue } from './memory-queue.js';

/** BullMQ when `redisUrl` is set, otherwise the in-process queue. */
export function createQueue(options: { redisUrl?: string; prefix?: string; log: Logger }): JobQueue {
  if (options.redisUrl)
    return createBullmqQueue({ redisUrl: options.redisUrl, prefix: options.prefix, log: options.log });
  return createMemoryQueue(options.log);
}
