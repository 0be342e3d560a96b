/**
 * The answer cache: final, QA-approved, KB-grounded replies (`kind: answer`) reused for the same
 * question. Three levels: L1 an in-process LRU, L2 Redis when `redisUrl` is set (shared by every
 * process), L3 Postgres (`answer_cache`, survives restarts). The key is the normalised question,
 * the KB version (any article change, import, publication or learned phrasing makes a new version,
 * so answers built on an older KB are never served), the language and the channel's limits.
 * A reworded question reuses a cached answer when its sentence vector is within `similarity` of a
 * cached question's AND retrieval still puts the cached answer's article first for it (the
 * wrong-hit check, no model call); otherwise it is a miss.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { detectLanguage } from '../../agents/router/language.js';
import type { Db } from '../core/database.js';
import type { ChannelLimits, QaVerdict, RoutingDecision, SpecialistAnswer } from '../core/index.js';
import { dot, type TextEncoder } from '../kb/encoder.js';
import { createLruCache } from '../kb/lru.js';
import { getCached, putCached, scopeVectors } from './cache-store.js';
import { normalizeQuestion } from './normalize.js';

/** What a cached answer replays. */
export interface CachedReply {
  text: string;
  routing: RoutingDecision;
  qa: QaVerdict;
  answer: SpecialistAnswer;
  /** Tiers the original turn used (model calls a hit saves). */
  tiers: string[];
}

/** A question as the cache sees it. */
export interface CacheQuery {
  text: string;
  limits: ChannelLimits;
}

/** A cache hit. */
export interface CacheHit {
  reply: CachedReply;
  how: 'exact' | 'semantic';
}

/** Counters (the runtime's metrics). */
export interface CacheMetrics {
  inc(name: string, labels?: Record<string, string>, by?: number): void;
}

/** Options of {@link createAnswerCache}. */
export interface AnswerCacheOptions {
  db: Db;
  /** The current KB version. */
  kbVersion: () => Promise<number>;
  /** Sentence encoder for reworded questions (null: exact matches only). */
  encoder: TextEncoder | null;
  /** Cosine needed for a semantic hit (default 0.94, measured on faq-dev-shop). */
  similarity?: number;
  /** The article retrieval puts first for a question now (the wrong-hit check of semantic hits). */
  topArticle?: (text: string) => Promise<string | undefined>;
  redisUrl?: string;
  /** Redis key prefix (default `switchboard`). */
  prefix?: string;
  metrics?: CacheMetrics;
  /** L1 entries (default 2000). */
  maxEntries?: number;
}

/** The cache returned by {@link createAnswerCache}. */
export interface AnswerCache {
  lookup(q: CacheQuery): Promise<CacheHit | null>;
  store(q: CacheQuery, reply: CachedReply): Promise<void>;
  close(): Promise<void>;
}

const L2_TTL_S = 24 * 3600;
const NEIGHBOURS_TTL_MS = 5000;
/** Model tiers (the local tier and the cache cost nothing). */
const PAID = (tier: string) => tier !== 'local' && tier !== 'none' && tier !== 'cache' && tier !== '';

/** Model calls a hit saves: the paid tiers the original turn used. */
export const modelCallsSaved = (r: CachedReply) => r.tiers.filter(PAID).length;

/** Create an answer cache. */
export function createAnswerCache(options: AnswerCacheOptions): AnswerCache {
  const { db, encoder, metrics, similarity = 0.94, prefix = 'switchboard' } = options;
  const l1 = createLruCache<CachedReply>({ max: options.maxEntries ?? 2000, ttlMs: 0 });
  const redis = options.redisUrl ? new Redis(options.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 }) : null;
  redis?.on('error', () => {});
  const neighbours = new Map<string, { at: number; list: Array<{ key: string; vector: Float32Array }> }>();

  const scopeOf = (q: CacheQuery) =>
    `${detectLanguage(q.text)}|${q.limits.maxMessageChars}|${q.limits.supportsMarkdown ? 'md' : 'plain'}`;
  const keyOf = (version: number, scope: string, norm: string) =>
    createHash('sha256').update(`${version}\n${scope}\n${norm}`).digest('hex').slice(0, 40);

  async function byKey(key: string): Promise<CachedReply | null> {
    const hit = l1.get(key);
    if (hit) return hit;
    const raw = await redis?.get(`${prefix}:answer-cache:${key}`).catch(() => null);
    const fromRedis = raw ? (JSON.parse(raw) as CachedReply) : null;
    const reply = fromRedis ?? ((await getCached(db, key))?.reply as CachedReply | undefined) ?? null;
    if (reply) l1.set(key, reply);
    return reply;
  }

  async function nearest(
    scope: string,
    version: number,
    v: Float32Array,
  ): Promise<{ key: string; sim: number } | null> {
    const id = `${scope}@${version}`;
    let n = neighbours.get(id);
    if (!n || Date.now() - n.at > NEIGHBOURS_TTL_MS) {
      const rows = await scopeVectors(db, scope, version);
      n = { at: Date.now(), list: rows.map((r) => ({ key: r.key, vector: Float32Array.from(r.vector) })) };
      neighbours.set(id, n);
    }
    let best: { key: string; sim: number } | null = null;
    for (const e of n.list) {
      const sim = dot(v, e.vector);
      if (!best || sim > best.sim) best = { key: e.key, sim };
    }
    return best;
  }

  const count = (result: string): null => {
    metrics?.inc('answer_cache_lookups_total', { result });
    return null;
  };

  return {
    async lookup(q) {
      const norm = normalizeQuestion(q.text);
      if (!norm) return null;
      const [version, scope] = [await options.kbVersion(), scopeOf(q)];
      const exact = await byKey(keyOf(version, scope, norm));
      if (exact) {
        count('hit_exact');
        metrics?.inc('answer_cache_model_calls_saved_total', {}, modelCallsSaved(exact));
        return { reply: exact, how: 'exact' };
      }
      if (!encoder) return count('miss');
      const [v] = await encoder.embed([norm]);
      const near = v ? await nearest(scope, version, v) : null;
      const reply = near && near.sim >= similarity ? await byKey(near.key) : null;
      if (!reply) return count('miss');
      // Wrong-hit check: retrieval must still lead to the cached answer's article for this wording.
      const top = await options.topArticle?.(q.text);
      if (options.topArticle && top !== reply.answer.citations[0]) {
        metrics?.inc('answer_cache_wrong_hits_prevented_total');
        return count('miss_checked');
      }
      count('hit_semantic');
      metrics?.inc('answer_cache_model_calls_saved_total', {}, modelCallsSaved(reply));
      return { reply, how: 'semantic' };
    },
    async store(q, reply) {
      const norm = normalizeQuestion(q.text);
      if (!norm || reply.answer.citations.length === 0) return;
      const [version, scope] = [await options.kbVersion(), scopeOf(q)];
      const key = keyOf(version, scope, norm);
      const vector = encoder ? ((await encoder.embed([norm]))[0] ?? null) : null;
      l1.set(key, reply);
      await redis?.set(`${prefix}:answer-cache:${key}`, JSON.stringify(reply), 'EX', L2_TTL_S).catch(() => null);
      await putCached(db, {
        key,
        norm,
        scope,
        kbVersion: version,
        articleIds: reply.answer.citations,
        reply,
        vector: vector ? Array.from(vector) : null,
      });
      if (vector) neighbours.get(`${scope}@${version}`)?.list.push({ key, vector });
      metrics?.inc('answer_cache_stores_total');
    },
    async close() {
      await redis?.quit().catch(() => undefined);
    },
  };
}
