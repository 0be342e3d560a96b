/**
 * The retriever: an in-memory hybrid index of the whole knowledge base (rebuilt when the KB
 * version changes, checked at most every `versionTtlMs`), thresholds calibrated on the KB at
 * build time, and the answer-or-abstain decision for each question.
 */
import type { EvidenceLevel, KbArticle, KbSearchOptions, Retrieval } from '../core/agents.js';
import type { Db } from '../db/db.js';
import { calibrate, DEFAULT_THRESHOLDS, pseudoQuestions, type Thresholds } from './calibrate.js';
import type { TextEncoder } from './encoder.js';
import { buildHybridIndex, type HybridCandidate, type HybridIndex, rankHybrid } from './hybrid.js';
import { kbVersion, loadArticles, loadPassages } from './kb-store.js';
import { contradicted, loadNegativeWordings, loadPhrasingPassages, quotablePassage } from './phrasings.js';
import { ensureVectors, passageText, titleText } from './vectors.js';

/** Options for {@link createRetriever}. */
export interface RetrieverOptions {
  /** Sentence encoder; null = lexical only (default: none). */
  encoder?: TextEncoder | null;
  /** How often (ms) to check whether another process changed the KB (default 2000). */
  versionTtlMs?: number;
  /** Override the calibrated thresholds (tests, tuning). */
  thresholds?: Partial<Thresholds>;
  /** Called when the encoder fails and retrieval falls back to lexical only. */
  onEncoderError?: (err: unknown) => void;
}

/** A built index and its thresholds. */
export interface RetrieverState {
  version: number;
  index: HybridIndex;
  thresholds: Thresholds;
  builtMs: number;
}

/** The retriever returned by {@link createRetriever}. */
export interface Retriever {
  retrieve(query: string, options?: KbSearchOptions): Promise<Retrieval>;
  /** The current index (built on first use). */
  state(): Promise<RetrieverState>;
  /** Forget the index (the next call rebuilds it). */
  invalidate(): void;
}

const FOLLOW_UP_BOOST = 0.06;

/** Create a retriever over the knowledge base in `db`. */
export function createRetriever(db: Db, options: RetrieverOptions = {}): Retriever {
  const { versionTtlMs = 2000, onEncoderError } = options;
  let encoder = options.encoder ?? null;
  let current: RetrieverState | undefined;
  let building: Promise<RetrieverState> | undefined;
  let checkedAt = 0;

  async function embedOrNull(texts: string[]): Promise<Float32Array[] | null> {
    if (!encoder) return null;
    try {
      return await encoder.embed(texts);
    } catch (err) {
      onEncoderError?.(err);
      encoder = null;
      return null;
    }
  }

  async function build(version: number): Promise<RetrieverState> {
    const started = Date.now();
    const [articles, own] = await Promise.all([loadArticles(db), loadPassages(db)]);
    // Learned phrasings join their article as extra passages (src/kb/phrasings.ts).
    const passages = [...own, ...(await loadPhrasingPassages(db, articles))];
    let vectors: HybridIndex['vectors'] = null;
    if (encoder) {
      try {
        const texts = [...articles.map((a) => titleText(a.title)), ...passages.map(passageText)];
        const all = await ensureVectors(db, encoder, texts);
        vectors = { titles: all.slice(0, articles.length), passages: all.slice(articles.length) };
      } catch (err) {
        onEncoderError?.(err);
        encoder = null;
      }
    }
    const index = buildHybridIndex(articles, passages, vectors);
    if (vectors) {
      const negatives = await loadNegativeWordings(db);
      const nv = negatives.length ? await embedOrNull(negatives.map((n) => n.text)) : null;
      if (nv) index.negatives = negatives.map((n, i) => ({ articleId: n.articleId, vector: nv[i] as Float32Array }));
    }
    const questions = [...new Set(index.articles.flatMap((_a, i) => pseudoQuestions(index, i)))];
    const qv = vectors ? await embedOrNull(questions) : null;
    const byText = new Map(questions.map((q, i) => [q, qv?.[i] ?? null]));
    const defaults = vectors ? DEFAULT_THRESHOLDS : LEXICAL_THRESHOLDS;
    const thresholds = {
      ...calibrate(index, { defaults, vectorOf: (t) => byText.get(t) ?? null }),
      ...options.thresholds,
    };
    return { version, index, thresholds, builtMs: Date.now() - started };
  }

  let refreshing: Promise<RetrieverState> | undefined;
  async function state(): Promise<RetrieverState> {
    const now = Date.now();
    // While a check or a rebuild is running, wait for it rather than answer from the old index.
    if (current && now - checkedAt < versionTtlMs) return refreshing ?? current;
    checkedAt = now;
    refreshing ??= (async () => {
      const version = await kbVersion(db);
      if (current && current.version === version) return current;
      building ??= build(version).finally(() => {
        building = undefined;
      });
      current = await building;
      return current;
    })().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  return {
    state,
    invalidate() {
      current = undefined;
      checkedAt = 0;
    },
    async retrieve(query, opts = {}) {
      const s = await state();
      const qv = s.index.vectors ? ((await embedOrNull([semanticQuery(query)]))?.[0] ?? null) : null;
      const boosts = new Map((opts.topicIds ?? []).map((id) => [id, FOLLOW_UP_BOOST]));
      const ranked = rankHybrid(s.index, query, qv, { department: opts.department, boosts });
      let evidence = decide(ranked, s.thresholds);
      // A wording like one this article was rated "Not helpful" for: not confident about it.
      if ((evidence === 'confident' || evidence === 'ambiguous') && ranked[0] && contradicted(s.index, ranked[0], qv))
        evidence = 'weak';
      const limit = opts.limit ?? 5;
      const top = ranked.slice(0, limit).map((c) => quotablePassage(s.index, c, qv));
      return { evidence, candidates: top.map(toArticle) };
    },
  };
}

/**
 * The question as the sentence encoder should read it: order numbers, invoice ids, tracking codes,
 * e-mail addresses and links carry no meaning for it and pull the vector off topic, so they are
 * dropped (BM25 ignores long digit runs the same way). Measured on faq-dev-shop, whose customers
 * paste order numbers: +0.045 top-1 at the calibrated threshold.
 */
export function semanticQuery(text: string): string {
  const cleaned = text
    .replace(/\bhttps?:\/\/\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' ')
    .replace(/#?\b[A-Z]*-?[0-9][0-9A-Z-]{4,}\b/gi, ' ')
    .replace(/\s+([,.!?])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned || text;
}

/** Thresholds for lexical-only scores (no encoder). */
const LEXICAL_THRESHOLDS: Thresholds = {
  answerMin: 0.55,
  hintMin: 0.35,
  ambiguousMargin: 0.02,
  agreementMargin: 0,
  basis: 'defaults',
};

/**
 * The answer-or-abstain decision over ranked candidates. Besides the fused score, a second check:
 * do the lexical ranker (BM25) and the semantic ranker (encoder) agree on the best article? When
 * both put it first, a score a little under the answer threshold is enough; when they disagree,
 * the fused score must clear the threshold by `agreementMargin` (measured on two development FAQs:
 * at equal top-1 this halves the confidently wrong answers).
 */
export function decide(ranked: HybridCandidate[], t: Thresholds): EvidenceLevel {
  const [first, second] = ranked;
  // Evidence is judged without the router's department prior (it orders candidates, it is not evidence).
  const evidence = (c: HybridCandidate) => c.score - (c.prior ?? 0);
  if (!first || first.bm25 + first.semantic <= 0 || evidence(first) < t.hintMin) return 'none';
  const best = (key: 'bm25' | 'semantic') => ranked.reduce((a, c) => (c[key] > a[key] ? c : a), first);
  const hasVectors = ranked.some((c) => c.semantic > 0);
  const agree = best('bm25') === first && (!hasVectors || best('semantic') === first);
  const s1 = evidence(first);
  const passes = agree ? s1 >= t.answerMin - t.agreementMargin : s1 >= t.answerMin + t.agreementMargin;
  if (!passes) return 'weak';
  if (second && evidence(second) >= t.answerMin && s1 - evidence(second) < t.ambiguousMargin) return 'ambiguous';
  return 'confident';
}

function toArticle(c: HybridCandidate): KbArticle {
  return {
    id: c.article.id,
    title: c.article.title,
    body: c.article.body,
    department: c.article.department,
    url: c.article.url ?? null,
    score: Math.round(c.score * 1000) / 1000,
    passage: c.passage.text,
  };
}
