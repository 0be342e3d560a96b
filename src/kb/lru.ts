/** A tiny in-process LRU cache with an optional time-to-live. */

/** Options for {@link createLruCache}. */
export interface LruCacheOptions {
  /** Maximum entries kept (default 500). */
  max?: number;
  /** Entries older than this are dropped on read (default 60 000 ms; 0 = forever). */
  ttlMs?: number;
}

/** The cache returned by {@link createLruCache}. */
export interface LruCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  clear(): void;
  readonly size: number;
}

/** Create an LRU cache backed by a Map (insertion order = recency order). */
export function createLruCache<V>(options: LruCacheOptions = {}): LruCache<V> {
  const { max = 500, ttlMs = 60_000 } = options;
  const map = new Map<string, { value: V; at: number }>();
  return {
    get(key) {
      const hit = map.get(key);
      if (!hit) return undefined;
      if (ttlMs > 0 && Date.now() - hit.at > ttlMs) {
        map.delete(key);
        return undefined;
      }
      map.delete(key);
      map.set(key, hit);
      return hit.value;
    },
    set(key, value) {
      map.delete(key);
      map.set(key, { value, at: Date.now() });
      while (map.size > max) {
        const oldest = map.keys().next().value;
        if (oldest === undefined) break;
        map.delete(oldest);
      }
    },
    clear() {
      map.clear();
    },
    get size() {
      return map.size;
    },
  };
}
