/**
 * The knowledge base's data layer: articles, passages, cached sentence vectors and the KB
 * version. Every SQL statement about the knowledge base lives here.
 */
import type { Queryable } from '../db/db.js';
import type { KbArticleInput } from './front-matter.js';
import type { IndexedArticle } from './hybrid.js';
import type { Passage } from './passages.js';

/** Where an article came from: the shipped demo, an import, or (later) a published suggestion. */
export type KbSource = 'demo' | 'import' | string;

/** A stored article with its origin, for `kb list`. */
export interface StoredArticle extends IndexedArticle {
  source: KbSource;
  updatedAt: string;
}

/** Insert or update one article and its passages; true when something changed. */
export async function upsertArticle(
  db: Queryable,
  a: KbArticleInput,
  passages: Passage[],
  source: KbSource = 'import',
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO kb_articles (id, title, body, department, tags, url, source) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body, department = EXCLUDED.department,
       tags = EXCLUDED.tags, url = EXCLUDED.url, source = EXCLUDED.source, updated_at = now()
     WHERE (kb_articles.title, kb_articles.body, kb_articles.department, kb_articles.tags, kb_articles.url, kb_articles.source)
       IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.body, EXCLUDED.department, EXCLUDED.tags, EXCLUDED.url, EXCLUDED.source)
     RETURNING id`,
    [a.id, a.title, a.body, a.department, a.tags, a.url ?? null, source],
  );
  if (r.rows.length === 0) return false;
  await db.query('DELETE FROM kb_passages WHERE article_id = $1', [a.id]);
  for (const p of passages) {
    await db.query('INSERT INTO kb_passages (article_id, idx, heading, text) VALUES ($1, $2, $3, $4)', [
      a.id,
      p.index,
      p.heading,
      p.text,
    ]);
  }
  return true;
}

/** Delete articles by id (passages go with them); returns the ids removed. */
export async function deleteArticles(db: Queryable, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const r = await db.query<{ id: string }>('DELETE FROM kb_articles WHERE id = ANY($1::text[]) RETURNING id', [ids]);
  return r.rows.map((x) => x.id);
}

/** Ids of stored articles, optionally only those from `source`. */
export async function articleIds(db: Queryable, source?: KbSource): Promise<string[]> {
  const r = source
    ? await db.query<{ id: string }>('SELECT id FROM kb_articles WHERE source = $1 ORDER BY id', [source])
    : await db.query<{ id: string }>('SELECT id FROM kb_articles ORDER BY id');
  return r.rows.map((x) => x.id);
}

/** Every article (for the in-memory index and `kb list`). */
export async function loadArticles(db: Queryable): Promise<StoredArticle[]> {
  const r = await db.query<{
    id: string;
    title: string;
    body: string;
    department: string;
    tags: string[] | null;
    url: string | null;
    source: string;
    updated_at: Date | string;
  }>('SELECT id, title, body, department, tags, url, source, updated_at FROM kb_articles ORDER BY id');
  return r.rows.map((x) => ({
    id: x.id,
    title: x.title,
    body: x.body,
    department: x.department,
    tags: x.tags ?? [],
    url: x.url,
    source: x.source,
    updatedAt: new Date(x.updated_at).toISOString(),
  }));
}

/** Articles by id (unknown ids are left out). */
export async function articlesById(db: Queryable, ids: string[]): Promise<StoredArticle[]> {
  if (ids.length === 0) return [];
  const all = await db.query<{ id: string }>('SELECT id FROM kb_articles WHERE id = ANY($1::text[])', [ids]);
  if (all.rows.length === 0) return [];
  const wanted = new Set(all.rows.map((x) => x.id));
  return (await loadArticles(db)).filter((a) => wanted.has(a.id));
}

/** Every passage, in article then position order. */
export async function loadPassages(db: Queryable): Promise<Passage[]> {
  const r = await db.query<{ article_id: string; idx: number; heading: string; text: string }>(
    'SELECT article_id, idx, heading, text FROM kb_passages ORDER BY article_id, idx',
  );
  return r.rows.map((x) => ({ articleId: x.article_id, index: Number(x.idx), heading: x.heading, text: x.text }));
}

/** Cached vectors for text hashes (missing hashes are absent from the map). */
export async function loadVectors(db: Queryable, model: string, hashes: string[]): Promise<Map<string, number[]>> {
  if (hashes.length === 0) return new Map();
  const r = await db.query<{ text_hash: string; vector: number[] }>(
    'SELECT text_hash, vector FROM kb_vectors WHERE model = $1 AND text_hash = ANY($2::text[])',
    [model, hashes],
  );
  return new Map(r.rows.map((x) => [x.text_hash, x.vector.map(Number)]));
}

/** Store vectors (existing ones are kept). */
export async function saveVectors(db: Queryable, model: string, rows: Array<[string, Float32Array]>): Promise<void> {
  for (const [hash, v] of rows) {
    await db.query(
      'INSERT INTO kb_vectors (model, text_hash, vector) VALUES ($1, $2, $3::real[]) ON CONFLICT DO NOTHING',
      [model, hash, Array.from(v)],
    );
  }
}

/** The KB version (changes with every import that changed something, and every removal). */
export async function kbVersion(db: Queryable): Promise<number> {
  const r = await db.query<{ version: string | number }>('SELECT version FROM kb_state WHERE id = 1');
  return Number(r.rows[0]?.version ?? 0);
}

/** Mark the knowledge base changed so every process rebuilds its index. */
export async function bumpKbVersion(db: Queryable): Promise<number> {
  const r = await db.query<{ version: string | number }>(
    'UPDATE kb_state SET version = version + 1, updated_at = now() WHERE id = 1 RETURNING version',
  );
  return Number(r.rows[0]?.version ?? 0);
}

/** Number of stored articles. */
export async function countArticles(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM kb_articles');
  return Number(r.rows[0]?.n ?? 0);
}
