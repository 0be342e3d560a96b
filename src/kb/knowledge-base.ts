/**
 * The knowledge base: the operator's articles in Postgres/PGlite (kb-store), imported with
 * passages and sentence vectors (kb-import), searched by the hybrid retriever (BM25 + sentence
 * encoder, thresholds calibrated on the KB itself). The router's department is a soft prior,
 * never a filter.
 */
import type { KbArticle, KnowledgeBase } from '../core/agents.js';
import type { Db } from '../db/db.js';
import type { Thresholds } from './calibrate.js';
import { offlineEncoder, type TextEncoder } from './encoder.js';
import { importKbDir, type KbImportOptions, type KbImportResult, removeArticles } from './kb-import.js';
import { articlesById, countArticles, loadArticles, type StoredArticle } from './kb-store.js';
import { createRetriever, type Retriever } from './retriever.js';

/** Options for {@link createKnowledgeBase}. */
export interface KnowledgeBaseOptions {
  /** Sentence encoder; null = lexical only (default: the offline encoder). */
  encoder?: TextEncoder | null;
  /** How often (ms) to notice imports made by other processes (default 2000). */
  versionTtlMs?: number;
  /** Override calibrated thresholds (`KB_ANSWER_MIN`, `KB_HINT_MIN`). */
  thresholds?: Partial<Thresholds>;
  onEncoderError?: (err: unknown) => void;
}

/** The knowledge base returned by {@link createKnowledgeBase}. */
export interface SearchableKnowledgeBase extends KnowledgeBase {
  /** Articles by id (unknown ids are left out). */
  getArticles(ids: string[]): Promise<KbArticle[]>;
  importDir(dir: string, opts?: KbImportOptions): Promise<KbImportResult>;
  /** Remove articles by id; returns the ids that existed. */
  remove(ids: string[]): Promise<string[]>;
  list(): Promise<StoredArticle[]>;
  count(): Promise<number>;
  /** Rebuild the index on next use. */
  clearCache(): void;
  readonly retriever: Retriever;
}

/** True when `kb` can look articles up by id (the Postgres knowledge base can). */
export function hasArticleLookup(
  kb: KnowledgeBase,
): kb is KnowledgeBase & Pick<SearchableKnowledgeBase, 'getArticles'> {
  return typeof (kb as Partial<SearchableKnowledgeBase>).getArticles === 'function';
}

/** Create the Postgres/PGlite-backed knowledge base. */
export function createKnowledgeBase(db: Db, options: KnowledgeBaseOptions = {}): SearchableKnowledgeBase {
  const encoder = options.encoder === undefined ? offlineEncoder : options.encoder;
  const retriever = createRetriever(db, {
    encoder,
    versionTtlMs: options.versionTtlMs,
    thresholds: options.thresholds,
    onEncoderError: options.onEncoderError,
  });
  return {
    retriever,
    retrieve: (query, opts) => retriever.retrieve(query, opts),
    async search(query, opts = {}) {
      const [r, s] = await Promise.all([retriever.retrieve(query, opts), retriever.state()]);
      // A little below the hint threshold: a model reading the articles decides what they support.
      return r.candidates.filter((c) => (c.score ?? 0) >= s.thresholds.hintMin * 0.8);
    },
    async getArticles(ids) {
      return (await articlesById(db, ids)).map(({ id, title, body, department, url }) => ({
        id,
        title,
        body,
        department,
        url,
      }));
    },
    async importDir(dir, opts) {
      const result = await importKbDir(db, dir, { encoder: encoder ?? undefined, ...opts });
      retriever.invalidate();
      return result;
    },
    async remove(ids) {
      const removed = await removeArticles(db, ids);
      retriever.invalidate();
      return removed;
    },
    list: () => loadArticles(db),
    count: () => countArticles(db),
    clearCache: () => retriever.invalidate(),
  };
}
