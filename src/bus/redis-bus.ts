import { Redis } from 'ioredis';
import type { BusEvent, EventBus, Logger } from '../core/services.js';
import { createMemoryBus } from './memory-bus.js';

/**
 * Event bus over Redis pub/sub, so a widget connected to one ingress process sees replies
 * produced by any worker process. Events are delivered to local subscribers once (via Redis).
 */
export function createRedisBus(options: { redisUrl: string; channel?: string; log: Logger }): EventBus {
  const channel = options.channel ?? 'switchboard:events';
  const pub = new Redis(options.redisUrl, { maxRetriesPerRequest: 3 });
  const sub = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const local = createMemoryBus();
  pub.on('error', (err) => options.log.warn('redis bus error', { err }));
  sub.on('error', (err) => options.log.warn('redis bus error', { err }));
  const ready = sub.subscribe(channel);
  sub.on('message', (_ch, raw) => {
    try {
      void local.publish(JSON.parse(raw) as BusEvent);
    } catch (err) {
      options.log.warn('bad bus message', { err });
    }
  });
  return {
    async publish(event) {
      await ready;
      await pub.publish(channel, JSON.stringify(event));
    },
    subscribe: local.subscribe,
    async close() {
      await local.close();
      sub.disconnect();
      pub.disconnect();
    },
  };
}
