/**
 * Okapi BM25 over small in-memory collections (a knowledge base of a few hundred articles or
 * passages): term frequencies with saturation (k1) and document-length normalisation (b), so a
 * long article does not collect matches just by being long.
 */

/** Options for {@link createBm25}. */
export interface Bm25Options {
  /** Term-frequency saturation (default 1.2). */
  k1?: number;
  /** Length normalisation, 0 = none, 1 = full (default 0.75). */
  b?: number;
}

/** A BM25 index built by {@link createBm25}. */
export interface Bm25Index {
  /** Number of documents. */
  readonly size: number;
  /** Inverse document frequency of a term (0 for unknown terms). */
  idf(term: string): number;
  /** Scores of every document for the query terms (documents without a match score 0). */
  scores(queryTerms: string[]): Float64Array;
  /** Whether document `doc` contains `term`. */
  has(doc: number, term: string): boolean;
  /** Every indexed term. */
  vocabulary(): IterableIterator<string>;
}

/** Build a BM25 index over documents given as term lists (already tokenized and stemmed). */
export function createBm25(docs: string[][], options: Bm25Options = {}): Bm25Index {
  const { k1 = 1.2, b = 0.75 } = options;
  const postings = new Map<string, Array<[number, number]>>();
  const lengths = docs.map((d) => d.length);
  const avg = lengths.reduce((a, n) => a + n, 0) / Math.max(1, docs.length) || 1;
  const termSets = docs.map((terms, i) => {
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      const list = postings.get(t) ?? [];
      if (list.length === 0) postings.set(t, list);
      list.push([i, n]);
    }
    return tf;
  });
  const idfOf = (t: string) => {
    const df = postings.get(t)?.length ?? 0;
    return df === 0 ? 0 : Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
  };
  return {
    size: docs.length,
    idf: idfOf,
    has: (doc, term) => termSets[doc]?.has(term) ?? false,
    vocabulary: () => postings.keys(),
    scores(queryTerms) {
      const out = new Float64Array(docs.length);
      for (const t of new Set(queryTerms)) {
        const list = postings.get(t);
        if (!list) continue;
        const idf = idfOf(t);
        for (const [doc, tf] of list) {
          const norm = 1 - b + (b * (lengths[doc] ?? 0)) / avg;
          out[doc] = (out[doc] ?? 0) + (idf * (tf * (k1 + 1))) / (tf + k1 * norm);
        }
      }
      return out;
    },
  };
}
