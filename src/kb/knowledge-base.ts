/**
 * The knowledge base: Postgres full-text search over kb_articles (same SQL on Postgres and PGlite).
 *
 * One search = one indexed query: the question's words are OR-ed into a tsquery (recall), rows are
 * ranked with ts_rank_cd, and each row reports which query lexemes it contains. The score (0..1)
 * is mostly IDF-weighted coverage of the question's terms, plus a little of the normalized rank,
 * so "reset my password" scores ~0.9 on the password article while one incidental shared word
 * stays low. Results are cached in a small in-process LRU keyed by the normalized query.
 */
import type { KbArticle, KnowledgeBase } from '../core/agents.js';
import type { Db } from '../db/db.js';
import { importKbDir, type KbImportOptions, type KbImportResult } from './kb-import.js';
import { createLruCache } from './lru.js';
import { STOP_WORDS, tokenize } from './text.js';

/** Options for {@link createKnowledgeBase}. */
export interface KnowledgeBaseOptions {
  /** Cached searches (default 1000). */
  cacheSize?: number;
  /** Cache time-to-live in ms (default 60 000), so imports in other processes show up. */
  cacheTtlMs?: number;
  /** Candidate rows fetched per search before scoring (default 24). */
  candidates?: number;
  /** Minimum score for a department match before falling back to all departments (default 0.3). */
  departmentMinScore?: number;
}

/** The knowledge base returned by {@link createKnowledgeBase}. */
export interface SearchableKnowledgeBase extends KnowledgeBase {
  /** Articles by id (unknown ids are left out). */
  getArticles(ids: string[]): Promise<KbArticle[]>;
  importDir(dir: string, opts?: KbImportOptions): Promise<KbImportResult>;
  count(): Promise<number>;
  /** Drop cached searches and term statistics. */
  clearCache(): void;
}

interface Row {
  id: string;
  title: string;
  body: string;
  department: string;
  rank: number;
  matched: string[];
  title_matched: string[];
  lexemes: string[];
}

interface TermStats {
  docs: number;
  df: Map<string, number>;
  at: number;
}

const SEARCH_SQL = `
SELECT a.id, a.title, a.body, a.department,
       ts_rank_cd(a.tsv, q.tq) AS rank,
       array(SELECT unnest(tsvector_to_array(a.tsv)) INTERSECT SELECT unnest(q.lx)) AS matched,
       array(SELECT unnest(tsvector_to_array(to_tsvector('english', a.title || ' ' || array_to_string(a.tags, ' '))))
             INTERSECT SELECT unnest(q.lx)) AS title_matched,
       q.lx AS lexemes
FROM kb_articles a,
     (SELECT to_tsquery('english', $1) AS tq, tsvector_to_array(to_tsvector('english', $2)) AS lx) q
WHERE a.tsv @@ q.tq
ORDER BY rank DESC, a.id
LIMIT $3`;

/** IDF mass of matched terms that counts as fully specific evidence (about one rare term + one common). */
const SPECIFIC_IDF = 4;

/** The words of a question that carry meaning (stop words and filler removed), space-joined. */
export function searchableText(text: string): string {
  return tokenize(text)
    .map((w) => w.replace(/'.*$/, ''))
    .filter((w) => !STOP_WORDS.has(w) && (w.length > 1 || /\d/.test(w)))
    .join(' ');
}

/** Build the OR tsquery text from a question: sanitized words joined with `|`. */
export function buildOrQuery(text: string): string {
  const words = [...new Set(tokenize(text).map((w) => w.replace(/'.*$/, '')))].filter(
    (w) => w.length > 1 || /\d/.test(w),
  );
  return words
    .slice(0, 32)
    .map((w) => `'${w.replace(/'/g, '')}'`)
    .join(' | ');
}

/** True when `kb` can look articles up by id (the Postgres knowledge base can). */
export function hasArticleLookup(
  kb: KnowledgeBase,
): kb is KnowledgeBase & Pick<SearchableKnowledgeBase, 'getArticles'> {
  return typeof (kb as Partial<SearchableKnowledgeBase>).getArticles === 'function';
}

/** Create the Postgres/PGlite-backed knowledge base. */
export function createKnowledgeBase(db: Db, options: KnowledgeBaseOptions = {}): SearchableKnowledgeBase {
  const { cacheSize = 1000, cacheTtlMs = 60_000, candidates = 24, departmentMinScore = 0.3 } = options;
  const cache = createLruCache<KbArticle[]>({ max: cacheSize, ttlMs: cacheTtlMs });
  let stats: TermStats | undefined;
  let statsLoading: Promise<TermStats> | undefined;

  async function loadStats(): Promise<TermStats> {
    if (stats && stats.docs > 0 && (cacheTtlMs <= 0 || Date.now() - stats.at < cacheTtlMs * 5)) return stats;
    statsLoading ??= (async () => {
      const [words, total] = await Promise.all([
        db.query<{ word: string; ndoc: number }>(`SELECT word, ndoc FROM ts_stat('SELECT tsv FROM kb_articles')`),
        db.query<{ n: number }>('SELECT count(*)::int AS n FROM kb_articles'),
      ]);
      const df = new Map(words.rows.map((r) => [r.word, Number(r.ndoc)]));
      stats = { docs: Number(total.rows[0]?.n ?? 0), df, at: Date.now() };
      statsLoading = undefined;
      return stats;
    })().catch((err) => {
      statsLoading = undefined;
      throw err;
    });
    return statsLoading;
  }

  /**
   * 0..1 from: IDF-weighted coverage of the question's lexemes in the article (c), the same in
   * its title + tags (t), the normalized cover-density rank (r), damped by specificity (s: how
   * much rare-term evidence matched at all, so "my account" alone cannot score high).
   */
  function score(row: Row, s: TermStats): number {
    const idf = (lex: string) => Math.log(1 + (s.docs + 1) / ((s.df.get(lex) ?? 1) + 0.5));
    const matched = new Set(row.matched);
    const inTitle = new Set(row.title_matched);
    let all = 0;
    let hit = 0;
    let titleHit = 0;
    for (const l of new Set(row.lexemes)) {
      const w = idf(l);
      all += w;
      if (matched.has(l)) hit += w;
      if (inTitle.has(l)) titleHit += w;
    }
    if (all === 0) return 0;
    const c = hit / all;
    const t = titleHit / all;
    const rank = Number(row.rank);
    const r = rank / (rank + 0.5);
    const specificity = Math.min(1, hit / SPECIFIC_IDF);
    const value = (0.55 * c + 0.25 * t + 0.2 * r) * (0.5 + 0.5 * specificity);
    return Math.round(Math.min(1, value) * 1000) / 1000;
  }

  async function searchAll(query: string): Promise<KbArticle[]> {
    const key = searchableText(query);
    const cached = cache.get(key);
    if (cached) return cached;
    const tsq = buildOrQuery(key);
    if (!tsq) return [];
    const [s, r] = await Promise.all([loadStats(), db.query<Row>(SEARCH_SQL, [tsq, key, candidates])]);
    const results = r.rows
      .map((row) => ({
        id: row.id,
        title: row.title,
        body: row.body,
        department: row.department,
        score: score(row, s),
      }))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    cache.set(key, results);
    return results;
  }

  return {
    async search(query, opts = {}) {
      const limit = opts.limit ?? 5;
      const all = await searchAll(query);
      if (opts.department) {
        const inDept = all.filter((a) => a.department === opts.department);
        if ((inDept[0]?.score ?? 0) >= departmentMinScore) return inDept.slice(0, limit);
      }
      return all.slice(0, limit);
    },
    async getArticles(ids) {
      if (ids.length === 0) return [];
      const r = await db.query<KbArticle>(
        'SELECT id, title, body, department FROM kb_articles WHERE id = ANY($1::text[])',
        [ids],
      );
      return r.rows;
    },
    async importDir(dir, opts) {
      const result = await importKbDir(db, dir, opts);
      cache.clear();
      stats = undefined;
      return result;
    },
    async count() {
      const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM kb_articles');
      return Number(r.rows[0]?.n ?? 0);
    },
    clearCache() {
      cache.clear();
      stats = undefined;
    },
  };
}
