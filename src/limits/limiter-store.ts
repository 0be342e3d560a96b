/**
 * Where abuse-limit counters live: Redis when `REDIS_URL` is set (shared by every process, through
 * rate-limiter-flexible's RateLimiterRedis with an in-memory insurance limiter while Redis is
 * unreachable), process memory otherwise (RateLimiterMemory).
 */
import { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';

/** Options of {@link createLimiterStore}. */
export interface LimiterStoreOptions {
  /** Redis URL; unset = in-process counters. */
  redisUrl?: string;
  /** Key prefix for every counter (default `switchboard`). */
  prefix?: string;
}

/** A limiter definition: `points` per `durationS` seconds (0 = never resets by time). */
export interface LimiterSpec {
  name: string;
  points: number;
  durationS: number;
}

/** Creates limiters on one backend. */
export interface LimiterStore {
  readonly kind: 'redis' | 'memory';
  /** A limiter counting in this store (Redis or memory). */
  limiter(spec: LimiterSpec): RateLimiterAbstract;
  close(): Promise<void>;
}

/** Create the limiter store for a process. */
export function createLimiterStore(options: LimiterStoreOptions = {}): LimiterStore {
  const prefix = options.prefix ?? 'switchboard';
  const redis = options.redisUrl
    ? // Commands wait for the connection (start-up) but never longer than a second: then the
      // in-memory insurance limiter answers until Redis is back.
      new Redis(options.redisUrl, { commandTimeout: 1000, maxRetriesPerRequest: 1 })
    : undefined;
  // Connection errors are handled by the insurance limiter; ioredis reconnects by itself.
  redis?.on('error', () => {});
  return {
    kind: redis ? 'redis' : 'memory',
    limiter({ name, points, durationS }) {
      const keyPrefix = `${prefix}:rl:${name}`;
      const memory = new RateLimiterMemory({ keyPrefix, points, duration: durationS });
      if (!redis) return memory;
      return new RateLimiterRedis({
        storeClient: redis,
        keyPrefix,
        points,
        duration: durationS,
        insuranceLimiter: memory,
      });
    },
    async close() {
      if (!redis) return;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
