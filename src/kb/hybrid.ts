/**
 * Hybrid ranking over a knowledge base held in memory: BM25 over whole articles (title counted
 * twice, tags, body) fused with the sentence encoder's cosine between the question and each
 * article's title and passages. Pure functions: the index is built once per KB version.
 *
 * score = 0.2 · bm25 / best bm25 of this query   (relative lexical rank)
 *       + 0.2 · bm25 / (bm25 + 4)                 (absolute lexical evidence)
 *       + 0.6 · max(cos(title), cos(best passage))
 * Without vectors (encoder unavailable) the semantic part is left out and the rest rescaled.
 */
import { type Bm25Index, createBm25 } from './bm25.js';
import { dot } from './encoder.js';
import type { Passage } from './passages.js';
import { correctTerms } from './spelling.js';
import { expandTerms } from './synonyms.js';
import { contentTerms } from './text.js';

/** Weight of synonym matches relative to the customer's own words. */
const EXPANSION_WEIGHT = 0.4;

/** An article as the index keeps it. */
export interface IndexedArticle {
  id: string;
  title: string;
  body: string;
  department: string;
  tags: string[];
  url?: string | null;
  /** Where it came from (`demo`, `import`, `conversation:<id>`...). */
  source?: string;
}

/** Vectors for the index: one per article title and one per passage (same order as given). */
export interface IndexVectors {
  titles: Float32Array[];
  passages: Float32Array[];
}

/** The in-memory index built by {@link buildHybridIndex}. */
export interface HybridIndex {
  articles: IndexedArticle[];
  passages: Passage[];
  /** Article position of each passage. */
  passageArticle: number[];
  bm25: Bm25Index;
  vectors: IndexVectors | null;
  /** Wordings an article was rated "Not helpful" for (learned), with their vectors. */
  negatives?: Array<{ articleId: string; vector: Float32Array }>;
}

/** One ranked article with the evidence behind it. */
export interface HybridCandidate {
  article: IndexedArticle;
  /** The passage that matched best (semantically when vectors exist, lexically otherwise). */
  passage: Passage;
  bm25: number;
  /** Cosine of the best title/passage match (0 without vectors). */
  semantic: number;
  /** IDF-weighted share of the question's terms found in the article (0..1). */
  coverage: number;
  score: number;
  /** The part of `score` that came from the router's department (ranking only, not evidence). */
  prior: number;
}

/** Options for {@link rankHybrid}. */
export interface RankOptions {
  /** Soft prior: candidates of this department get `priorBoost` added (default 0.02). */
  department?: string;
  priorBoost?: number;
  /** Article positions to leave out (calibration holds articles out). */
  exclude?: ReadonlySet<number>;
  /** Extra per-article boosts (e.g. the topic of the previous turn), by article id. */
  boosts?: ReadonlyMap<string, number>;
}

/** Question terms used for lexical matching: stemmed content words, long digit runs (order numbers) dropped. */
export function queryTerms(text: string): string[] {
  return contentTerms(text).filter((t) => !/^\d{5,}$/.test(t));
}

function articleTerms(a: IndexedArticle): string[] {
  return [...queryTerms(a.title), ...queryTerms(a.title), ...queryTerms(a.tags.join(' ')), ...queryTerms(a.body)];
}

/** Build the index (vectors may be null: lexical only). */
export function buildHybridIndex(
  articles: IndexedArticle[],
  passages: Passage[],
  vectors: IndexVectors | null,
): HybridIndex {
  const position = new Map(articles.map((a, i) => [a.id, i]));
  return {
    articles,
    passages,
    passageArticle: passages.map((p) => position.get(p.articleId) ?? -1),
    bm25: createBm25(articles.map(articleTerms)),
    vectors,
  };
}

/** Rank every article for a question; `queryVector` null = lexical only. Best first. */
export function rankHybrid(
  index: HybridIndex,
  text: string,
  queryVector: Float32Array | null,
  options: RankOptions = {},
): HybridCandidate[] {
  const { department, priorBoost = 0.02, exclude, boosts } = options;
  const typed = queryTerms(text);
  const terms = [...typed, ...correctTerms(typed, (t) => index.bm25.idf(t) > 0, index.bm25.vocabulary())];
  const lexical = index.bm25.scores(terms);
  {
    const extra = index.bm25.scores(expandTerms(terms));
    for (let i = 0; i < lexical.length; i++) lexical[i] = (lexical[i] ?? 0) + EXPANSION_WEIGHT * (extra[i] ?? 0);
  }
  const idfTotal = [...new Set(terms)].reduce((s, t) => s + index.bm25.idf(t), 0);
  let best = 1e-9;
  index.articles.forEach((_a, i) => {
    if (!exclude?.has(i)) best = Math.max(best, lexical[i] ?? 0);
  });
  const semantic = new Float64Array(index.articles.length).fill(vectorsOf(index, queryVector) ? -1 : 0);
  const bestPassage = new Int32Array(index.articles.length).fill(-1);
  const vecs = vectorsOf(index, queryVector);
  if (vecs && queryVector) {
    vecs.titles.forEach((v, i) => {
      semantic[i] = dot(queryVector, v);
    });
    vecs.passages.forEach((v, j) => {
      const i = index.passageArticle[j] ?? -1;
      const s = dot(queryVector, v);
      if (i < 0) return;
      if (s > (semantic[i] ?? -1)) semantic[i] = s;
      if (bestPassage[i] === -1 || s > dot(queryVector, vecs.passages[bestPassage[i] ?? 0] as Float32Array))
        bestPassage[i] = j;
    });
  }
  const out: HybridCandidate[] = [];
  index.articles.forEach((article, i) => {
    if (exclude?.has(i)) return;
    const bm = lexical[i] ?? 0;
    const sem = Math.max(0, semantic[i] ?? 0);
    let coverage = 0;
    for (const t of new Set(terms)) if (index.bm25.has(i, t)) coverage += index.bm25.idf(t);
    const lex = 0.2 * (bm / best) + 0.2 * (bm / (bm + 4));
    let score = vecs ? lex + 0.6 * sem : lex / 0.4;
    const prior = department && article.department === department ? priorBoost : 0;
    score += prior;
    score += boosts?.get(article.id) ?? 0;
    const p = bestPassage[i] ?? -1;
    out.push({
      article,
      passage: index.passages[p >= 0 ? p : firstPassage(index, i)] as Passage,
      bm25: bm,
      semantic: sem,
      coverage: idfTotal > 0 ? coverage / idfTotal : 0,
      score,
      prior,
    });
  });
  return out.sort((a, b) => b.score - a.score || a.article.id.localeCompare(b.article.id));
}

function vectorsOf(index: HybridIndex, q: Float32Array | null): IndexVectors | null {
  return q && index.vectors && index.vectors.passages.length === index.passages.length ? index.vectors : null;
}

function firstPassage(index: HybridIndex, articlePos: number): number {
  const j = index.passageArticle.indexOf(articlePos);
  return j >= 0 ? j : 0;
}
