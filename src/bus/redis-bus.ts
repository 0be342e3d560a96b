import { Redis } from 'ioredis';
import type { BusEvent, EventBus, Logger } from '../core/services.js';
import { createRedisStateWatcher } from '../queue/redis-state.js';
import { createMemoryBus } from './memory-bus.js';

/**
 * Event bus over Redis pub/sub, so a widget connected to one ingress process sees replies
 * produced by any worker process. Events are delivered to local subscribers once (via Redis).
 *
 * Redis pub/sub keeps nothing: events published while this process's subscriber is disconnected
 * are gone. Each time the subscriber is back (re-subscribed), the `onReconnect` handlers run so
 * live streams re-read what they missed from Postgres. Connection state is logged once per change,
 * as JSON (`redis unavailable` / `redis reconnected`, component `bus`).
 */
export function createRedisBus(options: { redisUrl: string; channel?: string; log: Logger }): EventBus {
  const { log } = options;
  const channel = options.channel ?? 'switchboard:events';
  const pub = new Redis(options.redisUrl, { maxRetriesPerRequest: 3 });
  const sub = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const local = createMemoryBus();
  const state = createRedisStateWatcher(log, 'bus');
  state.watch(pub, 'connection:publisher');
  state.watch(sub, 'connection:subscriber');
  const reconnectHandlers = new Set<() => void>();
  let connectedOnce = false;
  let closed = false;
  const ready = sub.subscribe(channel).then(() => {
    connectedOnce = true;
  });
  sub.on('ready', () => {
    if (!connectedOnce || closed) return;
    // ioredis re-subscribes before 'ready'; our own SUBSCRIBE is answered after it, so once it
    // resolves no event published from now on is missed.
    sub
      .subscribe(channel)
      .then(() => {
        log.info('event bus re-subscribed; live streams catch up', { streams: reconnectHandlers.size });
        for (const h of reconnectHandlers) {
          try {
            h();
          } catch (err) {
            log.warn('bus reconnect handler failed', { err });
          }
        }
      })
      .catch(() => {
        /* the next 'ready' tries again */
      });
  });
  sub.on('message', (_ch, raw) => {
    try {
      void local.publish(JSON.parse(raw) as BusEvent);
    } catch (err) {
      log.warn('bad bus message', { err });
    }
  });
  return {
    async publish(event) {
      await ready;
      await pub.publish(channel, JSON.stringify(event));
    },
    subscribe: local.subscribe,
    onReconnect(handler) {
      reconnectHandlers.add(handler);
      return () => reconnectHandlers.delete(handler);
    },
    async close() {
      closed = true;
      reconnectHandlers.clear();
      await local.close();
      sub.disconnect();
      pub.disconnect();
    },
  };
}
