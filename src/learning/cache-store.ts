/** Data layer of the answer cache's L3 (`answer_cache`). */
import type { Queryable } from '../core/database.js';

/** A cached reply as stored. */
export interface CacheRow {
  key: string;
  norm: string;
  scope: string;
  kbVersion: number;
  articleIds: string[];
  reply: unknown;
  vector: number[] | null;
}

/** One entry by key. */
export async function getCached(db: Queryable, key: string): Promise<CacheRow | null> {
  const r = await db.query<{
    key: string;
    norm: string;
    scope: string;
    kb_version: string;
    article_ids: string[];
    reply: unknown;
    vector: number[] | null;
  }>('SELECT key, norm, scope, kb_version, article_ids, reply, vector FROM answer_cache WHERE key = $1', [key]);
  const x = r.rows[0];
  if (!x) return null;
  await db.query('UPDATE answer_cache SET hits = hits + 1 WHERE key = $1', [key]);
  return {
    key: x.key,
    norm: x.norm,
    scope: x.scope,
    kbVersion: Number(x.kb_version),
    articleIds: x.article_ids,
    reply: x.reply,
    vector: x.vector,
  };
}

/** Keys and vectors of a scope at a KB version (for the semantic neighbourhood). */
export async function scopeVectors(
  db: Queryable,
  scope: string,
  kbVersion: number,
  limit = 5000,
): Promise<Array<{ key: string; vector: number[] }>> {
  const r = await db.query<{ key: string; vector: number[] }>(
    `SELECT key, vector FROM answer_cache WHERE scope = $1 AND kb_version = $2 AND vector IS NOT NULL
     ORDER BY created_at DESC LIMIT $3`,
    [scope, kbVersion, limit],
  );
  return r.rows.map((x) => ({ key: x.key, vector: x.vector.map(Number) }));
}

/** Store an entry (an existing key is kept); drops entries of older KB versions. */
export async function putCached(db: Queryable, row: CacheRow): Promise<void> {
  await db.query(
    `INSERT INTO answer_cache (key, norm, scope, kb_version, article_ids, reply, vector)
     VALUES ($1, $2, $3, $4, $5, $6, $7::real[]) ON CONFLICT (key) DO NOTHING`,
    [row.key, row.norm, row.scope, row.kbVersion, row.articleIds, JSON.stringify(row.reply), row.vector],
  );
  await db.query('DELETE FROM answer_cache WHERE kb_version < $1', [row.kbVersion]);
}

/** Forget cached answers whose question came from a customer being forgotten (by normalised text). */
export async function deleteCachedByNorm(db: Queryable, norms: string[]): Promise<number> {
  if (norms.length === 0) return 0;
  const r = await db.query('DELETE FROM answer_cache WHERE norm = ANY($1::text[]) RETURNING key', [norms]);
  return r.rows.length;
}
