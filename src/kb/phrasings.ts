/**
 * Learned phrasings in retrieval: each usable phrasing (a customer wording that led to a
 * well-rated answer citing the article) becomes an extra passage of its article when the
 * retriever builds its index (heading = the article title, text = the wording), so the semantic
 * ranker finds the article from that wording. A phrasing passage is never quoted: when it is the
 * best match, the article's best real passage is shown instead.
 */
import type { Db } from '../db/db.js';
import { dot } from './encoder.js';
import type { HybridCandidate, HybridIndex } from './hybrid.js';
import type { Passage } from './passages.js';
import { loadNegativePhrasings, loadUsablePhrasings } from './phrasings-store.js';

/** Passage positions from here on are learned phrasings, not article text. */
export const PHRASING_INDEX_BASE = 100_000;

/** True when a passage is a learned phrasing. */
export const isPhrasingPassage = (p: Passage) => p.index >= PHRASING_INDEX_BASE;

/** The usable phrasings as extra passages of their articles (only of `articles` that exist). */
export async function loadPhrasingPassages(
  db: Db,
  articles: ReadonlyArray<{ id: string; title: string }>,
): Promise<Passage[]> {
  const titles = new Map(articles.map((a) => [a.id, a.title]));
  const counts = new Map<string, number>();
  const out: Passage[] = [];
  for (const p of await loadUsablePhrasings(db)) {
    const title = titles.get(p.articleId);
    if (title === undefined) continue;
    const k = counts.get(p.articleId) ?? 0;
    counts.set(p.articleId, k + 1);
    out.push({ articleId: p.articleId, index: PHRASING_INDEX_BASE + k, heading: title, text: p.text });
  }
  return out;
}

/**
 * The candidate with a quotable passage: when the best match was a learned phrasing, the
 * article's real passage closest to the question (its first passage without vectors).
 */
export function quotablePassage(
  index: HybridIndex,
  c: HybridCandidate,
  queryVector: Float32Array | null,
): HybridCandidate {
  if (!isPhrasingPassage(c.passage)) return c;
  let best = -1;
  let bestSim = -Infinity;
  index.passages.forEach((p, j) => {
    if (p.articleId !== c.article.id || isPhrasingPassage(p)) return;
    const v = index.vectors?.passages[j];
    const sim = queryVector && v ? dot(queryVector, v) : -j;
    if (sim > bestSim) {
      bestSim = sim;
      best = j;
    }
  });
  const passage = index.passages[best];
  return passage ? { ...c, passage } : { ...c, passage: { ...c.passage, text: c.article.body } };
}

/** Wordings rated "Not helpful" for an article, to embed into the index. */
export async function loadNegativeWordings(db: Db): Promise<Array<{ articleId: string; text: string }>> {
  return (await loadNegativePhrasings(db)).map((p) => ({ articleId: p.articleId, text: p.text }));
}

/** How close a question must be to a known-wrong wording (and at least as close as to the article). */
const NEGATIVE_SIMILARITY = 0.75;

/**
 * True when the question is as close to a wording the article was rated "Not helpful" for as to
 * the article itself: retrieval must not be confident about that article for it.
 */
export function contradicted(index: HybridIndex, c: HybridCandidate, queryVector: Float32Array | null): boolean {
  if (!queryVector || !index.negatives?.length) return false;
  for (const n of index.negatives) {
    if (n.articleId !== c.article.id) continue;
    const sim = dot(queryVector, n.vector);
    if (sim >= NEGATIVE_SIMILARITY && sim >= c.semantic) return true;
  }
  return false;
}
