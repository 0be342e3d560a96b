/**
 * Measure the answer cache's semantic threshold: for every answerable question of a labeled set,
 * its nearest other question (sentence-encoder cosine) would be a cache hit above the threshold;
 * the hit is wrong when the two questions have different gold articles. Prints, per threshold,
 * the share of questions that would hit and the wrong-hit rate among hits.
 * Usage: npx tsx scripts/measure-cache-threshold.ts ../shared/data/faq-dev-shop/questions.jsonl
 */
import { readFileSync } from 'node:fs';
import { dot, offlineEncoder } from '../src/kb/encoder.js';
import { normalizeQuestion } from '../src/learning/normalize.js';

const file = process.argv[2] ?? '../shared/data/faq-dev-shop/questions.jsonl';
const rows = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { text: string; gold: string | null; kind: string })
  .filter((r) => r.kind === 'answerable' && r.gold);
const vecs = await offlineEncoder.embed(rows.map((r) => normalizeQuestion(r.text)));
const nearest = rows.map((_r, i) => {
  let best = -1;
  let sim = -Infinity;
  rows.forEach((_s, j) => {
    if (j === i) return;
    const s = dot(vecs[i]!, vecs[j]!);
    if (s > sim) [sim, best] = [s, j];
  });
  return { sim, same: rows[best]!.gold === rows[i]!.gold };
});
console.log(`questions=${rows.length}`);
for (const t of [0.8, 0.85, 0.88, 0.9, 0.92, 0.94, 0.96]) {
  const hits = nearest.filter((n) => n.sim >= t);
  const wrong = hits.filter((n) => !n.same).length;
  console.log(
    `threshold=${t} hit_rate=${(hits.length / rows.length).toFixed(3)} hits=${hits.length} wrong=${wrong} wrong_rate=${hits.length ? (wrong / hits.length).toFixed(4) : 'n/a'}`,
  );
}
