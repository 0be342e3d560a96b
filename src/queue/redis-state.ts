/**
 * Redis connection state as one JSON log line per change (issue 11.7): ioredis clients and BullMQ
 * objects emit an `error` per reconnect attempt; without a listener BullMQ prints multi-line dumps,
 * with a naive one the log fills with the same line. This logs "down" once, "back" once.
 */
import type { Logger } from '../core/services.js';

/** Anything that emits `error` (and optionally `ready`): ioredis, BullMQ Queue/Worker/QueueEvents. */
export interface ErrorEmitter {
  on(event: 'error', listener: (err: Error) => void): unknown;
}

/** Shared state of one Redis dependency, watched through several emitters. */
export interface RedisStateWatcher {
  /** Attach to an emitter (an `error` marks Redis down; ioredis `ready` marks it up). */
  watch(emitter: ErrorEmitter, what: string): void;
  /** Mark Redis up again (e.g. after a successful command). */
  up(): void;
  /** True while the last event seen was an error. */
  readonly down: boolean;
}

/** Create a watcher logging `redis unavailable` / `redis reconnected` once per state change. */
export function createRedisStateWatcher(log: Logger, component: string): RedisStateWatcher {
  let down = false;
  const markUp = () => {
    if (!down) return;
    down = false;
    log.info('redis reconnected', { component });
  };
  return {
    watch(emitter, what) {
      emitter.on('error', (err: Error) => {
        if (down) return;
        down = true;
        log.warn('redis unavailable', { component, what, err });
      });
      const withReady = emitter as unknown as { on(event: 'ready', listener: () => void): unknown };
      if (typeof withReady.on === 'function' && what.startsWith('connection')) withReady.on('ready', markUp);
    },
    up: markUp,
    get down() {
      return down;
    },
  };
}
