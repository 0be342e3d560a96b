/**
 * Learned phrasings' data layer: customer wordings kept as alternative phrasings of an article
 * (`kb_phrasings`), with a score (well-rated answers raise it, "Not helpful" lowers it). Only
 * phrasings with a positive score are used as extra passages; negative ones keep retrieval from
 * being confident about their article for similar wordings. Callers bump the KB version.
 */
import type { Queryable } from '../db/db.js';

/** A stored phrasing. */
export interface StoredPhrasing {
  id: number;
  articleId: string;
  text: string;
  score: number;
  createdAt: string;
  updatedAt: string;
}

/** Most phrasings kept per article (the best-scored, then newest, stay). */
export const MAX_PHRASINGS_PER_ARTICLE = 20;

type Row = {
  id: string | number;
  article_id: string;
  text: string;
  score: number;
  created_at: Date | string;
  updated_at: Date | string;
};
const toPhrasing = (x: Row): StoredPhrasing => ({
  id: Number(x.id),
  articleId: x.article_id,
  text: x.text,
  score: Number(x.score),
  createdAt: new Date(x.created_at).toISOString(),
  updatedAt: new Date(x.updated_at).toISOString(),
});

/**
 * Add `delta` to the score of (article, wording); creates the pair when new. A pair created by a
 * negative delta ("Not helpful" on an answer citing the article) is a *negative* phrasing: this
 * wording was answered with this article and it was wrong, so retrieval will not be confident
 * about the article for wordings like it. Keeps at most {@link MAX_PHRASINGS_PER_ARTICLE} per
 * article. True when what retrieval uses changed (a pair turned positive, stopped being positive,
 * or turned negative).
 */
export async function adjustPhrasing(
  db: Queryable,
  p: { articleId: string; text: string; norm: string; customerId: string | null; delta: number },
): Promise<boolean> {
  const r = await db.query<{ score: number }>(
    `INSERT INTO kb_phrasings (article_id, norm, text, customer_id, score)
     SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM kb_articles WHERE id = $1)
     ON CONFLICT (article_id, norm) DO UPDATE SET score = kb_phrasings.score + EXCLUDED.score, updated_at = now()
     RETURNING score`,
    [p.articleId, p.norm, p.text, p.customerId, p.delta],
  );
  const score = r.rows[0] ? Number(r.rows[0].score) : undefined;
  if (score === undefined) return false;
  await db.query(
    `DELETE FROM kb_phrasings WHERE article_id = $1 AND id NOT IN (
       SELECT id FROM kb_phrasings WHERE article_id = $1 ORDER BY abs(score) DESC, updated_at DESC LIMIT $2)`,
    [p.articleId, MAX_PHRASINGS_PER_ARTICLE],
  );
  const before = score - p.delta;
  const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0);
  return sign(before) !== sign(score);
}

/** Wordings known to be answered wrongly by an article (negative score), by article. */
export async function loadNegativePhrasings(db: Queryable): Promise<StoredPhrasing[]> {
  const r = await db.query<Row>(
    `SELECT id, article_id, text, score, created_at, updated_at FROM kb_phrasings
     WHERE score < 0 ORDER BY article_id, score, id`,
  );
  return r.rows.map(toPhrasing);
}

/** Phrasings retrieval uses (positive score), by article then best first. */
export async function loadUsablePhrasings(db: Queryable): Promise<StoredPhrasing[]> {
  const r = await db.query<Row>(
    `SELECT id, article_id, text, score, created_at, updated_at FROM kb_phrasings
     WHERE score > 0 ORDER BY article_id, score DESC, id`,
  );
  return r.rows.map(toPhrasing);
}

/** Every phrasing of an article (staff review), best first. */
export async function listPhrasings(db: Queryable, articleId: string): Promise<StoredPhrasing[]> {
  const r = await db.query<Row>(
    `SELECT id, article_id, text, score, created_at, updated_at FROM kb_phrasings
     WHERE article_id = $1 ORDER BY score DESC, id`,
    [articleId],
  );
  return r.rows.map(toPhrasing);
}

/** Remove one phrasing of an article; true when it existed. */
export async function deletePhrasing(db: Queryable, articleId: string, id: number): Promise<boolean> {
  const r = await db.query('DELETE FROM kb_phrasings WHERE article_id = $1 AND id = $2 RETURNING id', [articleId, id]);
  return r.rows.length > 0;
}

/** Remove every phrasing learned from a customer; returns how many. */
export async function deleteCustomerPhrasings(db: Queryable, customerId: string): Promise<number> {
  const r = await db.query('DELETE FROM kb_phrasings WHERE customer_id = $1 RETURNING id', [customerId]);
  return r.rows.length;
}
