/**
 * Sentence vectors for the knowledge base, computed once per distinct text and kept in
 * kb_vectors (content-addressed), so imports embed only what changed and every process loads
 * the same vectors instead of re-embedding.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/db.js';
import type { TextEncoder } from './encoder.js';
import { loadVectors, saveVectors } from './kb-store.js';
import type { Passage } from './passages.js';

/** The text embedded for an article title. */
export const titleText = (title: string) => title;
/** The text embedded for a passage: its heading gives the passage its topic. */
export const passageText = (p: Passage) => `${p.heading}. ${p.text}`;

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 40);

/** Vectors for `texts` (same order): stored ones loaded, missing ones embedded and stored. */
export async function ensureVectors(
  db: Queryable,
  encoder: TextEncoder,
  texts: string[],
  onProgress?: (done: number, total: number) => void,
): Promise<Float32Array[]> {
  const hashes = texts.map(hash);
  const stored = await loadVectors(db, encoder.model, [...new Set(hashes)]);
  const missing = [...new Set(texts.filter((_t, i) => !stored.has(hashes[i] as string)))];
  const fresh = new Map<string, Float32Array>();
  for (let i = 0; i < missing.length; i += 32) {
    const batch = missing.slice(i, i + 32);
    const vecs = await encoder.embed(batch);
    const rows: Array<[string, Float32Array]> = batch.map((t, j) => [hash(t), vecs[j] as Float32Array]);
    await saveVectors(db, encoder.model, rows);
    for (const [h, v] of rows) fresh.set(h, v);
    onProgress?.(Math.min(i + 32, missing.length), missing.length);
  }
  return hashes.map((h) => fresh.get(h) ?? Float32Array.from(stored.get(h) ?? []));
}
