/**
 * Typos in questions ("cstomer", "invocie", "pasword"): a question term the knowledge base never
 * uses is matched to the KB term within one edit (two for long words), so BM25 still finds it.
 * Only unknown terms of 5+ letters are corrected, never numbers.
 */

/** Damerau-Levenshtein distance (adjacent swaps count 1), stopping early above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}

/** Corrections for unknown `terms`: the closest vocabulary term of each, when one is close enough. */
export function correctTerms(terms: string[], known: (t: string) => boolean, vocabulary: Iterable<string>): string[] {
  const unknown = [...new Set(terms)].filter((t) => t.length >= 5 && !/\d/.test(t) && !known(t));
  if (unknown.length === 0) return [];
  const vocab = [...vocabulary].filter((v) => v.length >= 4 && !/\d/.test(v));
  const out: string[] = [];
  for (const t of unknown) {
    const max = t.length >= 8 ? 2 : 1;
    let best: string | undefined;
    let bestD = max + 1;
    for (const v of vocab) {
      if (v[0] !== t[0] && v[1] !== t[1]) continue;
      const d = editDistance(t, v, max);
      if (d < bestD) {
        bestD = d;
        best = v;
      }
    }
    if (best) out.push(best);
  }
  return out;
}
