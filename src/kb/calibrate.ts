/**
 * Thresholds calibrated on the operator's own knowledge base, not on constants tuned to a demo.
 *
 * Each article is held out in turn and its title and headings are asked as questions of the rest
 * of the KB: the best score another article gets is what an *uncovered* question looks like for
 * this KB. Titles share more words with their neighbours than customers' questions do, so
 * held-out titles score higher than real uncovered questions: the answer threshold sits at a low
 * quantile of those scores (0.2, measured on two development FAQs of different domains), the hint
 * threshold lower still. Small KBs (< 4 articles) use the defaults.
 */
import { type HybridIndex, rankHybrid } from './hybrid.js';

/** The knobs of the answer-or-abstain decision (documented in the README). */
export interface Thresholds {
  /** Best score at or above which the best article is quoted as the answer. */
  answerMin: number;
  /** Best score at or above which the closest article is offered as a hint (below: nothing close). */
  hintMin: number;
  /** Two different articles within this score of each other are "equally likely". */
  ambiguousMargin: number;
  /**
   * Second-stage check: when BM25 and the encoder agree on the best article, `answerMin` minus this
   * is enough; when they disagree, `answerMin` plus this is needed.
   */
  agreementMargin: number;
  /** How the thresholds were set, for logs and `kb list`. */
  basis: string;
}

/** Options for {@link calibrate}. */
export interface CalibrateOptions {
  /** Quantile of held-out scores used as the answer threshold (default 0.2). */
  answerQuantile?: number;
  /** Quantile used as the hint threshold (default 0.02). */
  hintQuantile?: number;
  /** Defaults and bounds when the KB is too small to measure. */
  defaults?: Thresholds;
  /** Vectors of the pseudo-questions (title and headings), by text; null = lexical only. */
  vectorOf?: (text: string) => Float32Array | null;
}

/** Thresholds for an encoder-backed index when the KB is too small to calibrate. */
export const DEFAULT_THRESHOLDS: Thresholds = {
  answerMin: 0.5,
  hintMin: 0.38,
  ambiguousMargin: 0.01,
  agreementMargin: 0.02,
  basis: 'defaults',
};

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = Math.min(sorted.length - 1, Math.max(0, q * (sorted.length - 1)));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

/** The pseudo-questions of one article: its title and distinct section headings. */
export function pseudoQuestions(index: HybridIndex, articlePos: number): string[] {
  const a = index.articles[articlePos];
  if (!a) return [];
  const headings = index.passages
    .filter((_p, j) => index.passageArticle[j] === articlePos)
    .map((p) => p.heading)
    .filter((h) => h !== a.title);
  return [...new Set([a.title, ...headings])];
}

/** Calibrate answer/hint thresholds on `index` by holding each article out. */
export function calibrate(index: HybridIndex, options: CalibrateOptions = {}): Thresholds {
  const { answerQuantile = 0.2, hintQuantile = 0.02, defaults = DEFAULT_THRESHOLDS, vectorOf } = options;
  if (index.articles.length < 4) return defaults;
  const held: number[] = [];
  for (let i = 0; i < index.articles.length; i++) {
    const exclude = new Set([i]);
    for (const q of pseudoQuestions(index, i)) {
      const best = rankHybrid(index, q, vectorOf?.(q) ?? null, { exclude })[0];
      if (best) held.push(best.score);
    }
  }
  held.sort((a, b) => a - b);
  const answerMin = quantile(held, answerQuantile);
  const hintMin = Math.min(answerMin - 0.04, quantile(held, hintQuantile));
  return {
    answerMin: round(answerMin),
    hintMin: round(hintMin),
    ambiguousMargin: defaults.ambiguousMargin,
    agreementMargin: defaults.agreementMargin,
    basis: `held-out articles: ${index.articles.length} articles, ${held.length} pseudo-questions`,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
