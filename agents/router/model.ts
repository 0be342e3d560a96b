/**
 * The local router's classifier: TF-IDF (words, bigrams, char n-grams, signals) + multinomial
 * logistic regression trained by SGD with L2. The trained model is a plain JSON object
 * ({@link RouterModel}) so it can be stored in Postgres and shipped between processes.
 */
import { DEPARTMENTS, type Department } from '../../src/core/agents.js';
import { seededRandom } from '../../src/core/random.js';
import { BLOCK_WEIGHTS, extractFeatures } from './features.js';

/** A trained router model (JSON-serializable). */
export interface RouterModel {
  kind: 'tfidf-lr';
  version: 1;
  departments: Department[];
  /** Feature names (`w:`, `b:`, `c:`, `s:` prefixes). */
  features: string[];
  idf: number[];
  /** Feature-major weights: `weights[f * departments.length + k]`. */
  weights: number[];
  bias: number[];
  examples: number;
  trainAccuracy: number;
  trainedAt: string;
}

/** One labeled row; `weight` (default 1) scales its loss. */
export interface TrainingRow {
  text: string;
  department: Department;
  weight?: number;
}

/** Options for {@link trainRouterModel}. */
export interface TrainOptions {
  /** Called after each epoch. */
  onProgress?(done: number, total: number): void;
  /** SGD passes over the data (default 12). */
  epochs?: number;
  /** L2 strength (default 1e-6). */
  l2?: number;
  /** Seed for the shuffle (default 1). */
  seed?: number;
}

interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

/** A model ready to classify: feature index, typed weights. */
export interface CompiledModel {
  model: RouterModel;
  index: Map<string, number>;
  idf: Float32Array;
  weights: Float32Array;
  bias: Float32Array;
}

/** Prepare a {@link RouterModel} for fast classification. */
export function compileModel(model: RouterModel): CompiledModel {
  const index = new Map<string, number>();
  for (let i = 0; i < model.features.length; i++) index.set(model.features[i]!, i);
  return {
    model,
    index,
    idf: Float32Array.from(model.idf),
    weights: Float32Array.from(model.weights),
    bias: Float32Array.from(model.bias),
  };
}

const BLOCKS = ['w', 'b', 'c', 's'];
const BLOCK_W = BLOCKS.map((b) => BLOCK_WEIGHTS[b] ?? 1);

/** TF-IDF vector of `text` over a feature index, L2-normalized per block and block-weighted. */
function vectorize(counts: Map<string, number>, index: Map<string, number>, idf: Float32Array): SparseVec {
  const idx = new Int32Array(counts.size);
  const val = new Float32Array(counts.size);
  const block = new Uint8Array(counts.size);
  const sq = [0, 0, 0, 0];
  let n = 0;
  for (const [key, count] of counts) {
    const i = index.get(key);
    if (i === undefined) continue;
    const b = Math.max(0, BLOCKS.indexOf(key[0]!));
    const v = (1 + Math.log(count)) * idf[i]!;
    idx[n] = i;
    val[n] = v;
    block[n] = b;
    sq[b]! += v * v;
    n++;
  }
  const scale = sq.map((s, b) => (s > 0 ? BLOCK_W[b]! / Math.sqrt(s) : 0));
  for (let j = 0; j < n; j++) val[j] = val[j]! * scale[block[j]!]!;
  return { idx: idx.subarray(0, n), val: val.subarray(0, n) };
}

function softmaxInPlace(scores: Float64Array): void {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    scores[k] = Math.exp(scores[k]! - max);
    sum += scores[k]!;
  }
  for (let k = 0; k < scores.length; k++) scores[k] = scores[k]! / sum;
}

function scoreVec(vec: SparseVec, weights: Float32Array, bias: Float32Array, K: number, scale = 1): Float64Array {
  const out = new Float64Array(K);
  for (let j = 0; j < vec.idx.length; j++) {
    const base = vec.idx[j]! * K;
    const x = vec.val[j]! * scale;
    for (let k = 0; k < K; k++) out[k] = out[k]! + weights[base + k]! * x;
  }
  for (let k = 0; k < K; k++) out[k] = out[k]! + bias[k]!;
  return out;
}

/** Class probabilities (in `model.departments` order) and the feature vector used. */
export function predict(compiled: CompiledModel, text: string): { probs: Float64Array; vec: SparseVec } {
  const vec = vectorize(extractFeatures(text), compiled.index, compiled.idf);
  const probs = scoreVec(vec, compiled.weights, compiled.bias, compiled.model.departments.length);
  softmaxInPlace(probs);
  return { probs, vec };
}

/** The features that pushed most toward class `k` (for the decision's reason). */
export function topFeatures(compiled: CompiledModel, vec: SparseVec, k: number, n = 3): string[] {
  const K = compiled.model.departments.length;
  const contrib: [string, number][] = [];
  for (let j = 0; j < vec.idx.length; j++) {
    const f = vec.idx[j]!;
    const c = vec.val[j]! * compiled.weights[f * K + k]!;
    if (c > 0) contrib.push([compiled.model.features[f]!, c]);
  }
  contrib.sort((a, b) => b[1] - a[1]);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const [name] of contrib) {
    const label = name.startsWith('c:') ? `~${name.slice(2).trim()}` : name.slice(2).replace('_', ' ');
    if (seen.has(label)) continue;
    seen.add(label);
    out.push(label);
    if (out.length >= n) break;
  }
  return out;
}

/** Train a model on labeled rows (deterministic for a given seed). */
export function trainRouterModel(rows: TrainingRow[], options: TrainOptions = {}): RouterModel {
  const departments = [...DEPARTMENTS];
  const K = departments.length;
  const epochs = options.epochs ?? 12;
  const l2 = options.l2 ?? 1e-6;
  const counts = rows.map((r) => extractFeatures(r.text));
  const df = new Map<string, number>();
  for (const c of counts) for (const key of c.keys()) df.set(key, (df.get(key) ?? 0) + 1);
  const minDf = rows.length > 5000 ? 2 : 1;
  const features: string[] = [];
  const idfList: number[] = [];
  const index = new Map<string, number>();
  const N = rows.length;
  for (const [key, d] of df) {
    if (d < minDf && !key.startsWith('s:')) continue;
    index.set(key, features.length);
    features.push(key);
    idfList.push(Math.log((1 + N) / (1 + d)) + 1);
  }
  const idf = Float32Array.from(idfList);
  const vecs = counts.map((c) => vectorize(c, index, idf));
  const labels = rows.map((r) => departments.indexOf(r.department));
  const sampleWeights = rows.map((r) => r.weight ?? 1);
  const W = new Float32Array(features.length * K);
  const bias = new Float32Array(K);
  let scale = 1;
  const rand = seededRandom(options.seed ?? 1);
  const order = Array.from({ length: N }, (_, i) => i);
  const eta0 = 0.5;
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = N - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      const eta = eta0 / (1 + eta0 * l2 * t * 50);
      t++;
      const vec = vecs[i]!;
      const y = labels[i]!;
      const p = scoreVec(vec, W, bias, K, scale);
      softmaxInPlace(p);
      scale *= 1 - eta * l2;
      if (scale < 1e-6) {
        for (let j = 0; j < W.length; j++) W[j] = W[j]! * scale;
        scale = 1;
      }
      const sw = sampleWeights[i]!;
      for (let k = 0; k < K; k++) {
        const g = (p[k]! - (k === y ? 1 : 0)) * sw;
        if (g === 0) continue;
        bias[k] = bias[k]! - eta * g * 0.1;
        const step = (eta * g) / scale;
        for (let j = 0; j < vec.idx.length; j++) W[vec.idx[j]! * K + k] = W[vec.idx[j]! * K + k]! - step * vec.val[j]!;
      }
    }
    options.onProgress?.(epoch + 1, epochs);
  }
  for (let j = 0; j < W.length; j++) W[j] = W[j]! * scale;
  let correct = 0;
  for (let i = 0; i < N; i++) {
    const p = scoreVec(vecs[i]!, W, bias, K);
    let best = 0;
    for (let k = 1; k < K; k++) if (p[k]! > p[best]!) best = k;
    if (best === labels[i]) correct++;
  }
  return packModel({
    departments,
    features,
    idf: idfList,
    W,
    bias,
    K,
    examples: N,
    trainAccuracy: N ? correct / N : 0,
  });
}

function packModel(m: {
  departments: Department[];
  features: string[];
  idf: number[];
  W: Float32Array;
  bias: Float32Array;
  K: number;
  examples: number;
  trainAccuracy: number;
}): RouterModel {
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const features: string[] = [];
  const idf: number[] = [];
  const weights: number[] = [];
  for (let f = 0; f < m.features.length; f++) {
    const row = Array.from(m.W.subarray(f * m.K, (f + 1) * m.K), round);
    if (row.every((w) => w === 0)) continue;
    features.push(m.features[f]!);
    idf.push(round(m.idf[f]!));
    weights.push(...row);
  }
  return {
    kind: 'tfidf-lr',
    version: 1,
    departments: m.departments,
    features,
    idf,
    weights,
    bias: Array.from(m.bias, round),
    examples: m.examples,
    trainAccuracy: m.trainAccuracy,
    trainedAt: new Date().toISOString(),
  };
}
