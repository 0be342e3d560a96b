/**
 * Knowledge gaps: questions the bot could not answer well, grouped by meaning (sentence-encoder
 * cosine; word overlap when no encoder), counted and ranked by how often and how recently they
 * come up. Grouping is greedy in time order: a question joins the closest group whose centroid
 * is within `threshold`, otherwise starts its own.
 */
import { createHash } from 'node:crypto';
import { dot, type TextEncoder } from '../kb/encoder.js';
import { contentTerms } from '../kb/text.js';
import type { GapItem, GapReason } from './gaps-store.js';

/** A group of similar gap questions, as staff see it. */
export interface GapGroup {
  /** Stable id: derived from the group's first question. */
  id: string;
  /** The most typical question of the group (shortened). */
  label: string;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
  /** Up to 5 example questions, newest first. */
  examples: string[];
  /** Questions in the last 7 days and in the 7 days before. */
  trend: { last7: number; previous7: number };
  reasons: Partial<Record<GapReason, number>>;
  /** Conversations behind the group (newest first, at most 10). */
  conversationIds: string[];
  /** `closed` when every question of the group was closed by a published article. */
  status: 'open' | 'closed';
  closedBy: string | null;
  /** Ranking score: each question weighs 0.5^(age in days / 7). */
  score: number;
}

/** Options of {@link groupGaps}. */
export interface GroupGapsOptions {
  /** Sentence encoder (default none: word overlap). */
  encoder?: TextEncoder | null;
  /** Cosine to a group's centroid needed to join it (default 0.62). */
  threshold?: number;
  /** Jaccard of content terms needed to join without an encoder (default 0.4). */
  lexicalThreshold?: number;
  now?: Date;
}

const DAY = 86_400_000;

/** Group gap questions and rank the groups (open first, then by score). */
export async function groupGaps(items: GapItem[], options: GroupGapsOptions = {}): Promise<GapGroup[]> {
  const { threshold = 0.62, lexicalThreshold = 0.4, now = new Date() } = options;
  const vectors = options.encoder ? await options.encoder.embed(items.map((i) => i.text.slice(0, 500))) : null;
  const terms = items.map((i) => new Set(contentTerms(i.text)));
  const groups: Array<{ members: number[]; centroid: Float32Array | null; terms: Set<string> }> = [];
  items.forEach((_item, i) => {
    let best = -1;
    let bestSim = -Infinity;
    groups.forEach((g, k) => {
      const sim = vectors && g.centroid ? cosine(vectors[i] as Float32Array, g.centroid) : jaccard(terms[i]!, g.terms);
      if (sim > bestSim) {
        bestSim = sim;
        best = k;
      }
    });
    const enough = vectors ? bestSim >= threshold : bestSim >= lexicalThreshold;
    const g = best >= 0 && enough ? groups[best] : undefined;
    if (!g) {
      groups.push({
        members: [i],
        centroid: vectors ? Float32Array.from(vectors[i]!) : null,
        terms: new Set(terms[i]),
      });
      return;
    }
    g.members.push(i);
    if (g.centroid && vectors) {
      const v = vectors[i] as Float32Array;
      for (let d = 0; d < g.centroid.length; d++) g.centroid[d] = (g.centroid[d] ?? 0) + (v[d] ?? 0);
    }
    for (const t of terms[i]!) g.terms.add(t);
  });
  const out = groups.map((g) =>
    describe(
      g.members.map((i) => items[i]!),
      g.members,
      vectors,
      now,
    ),
  );
  return out.sort((a, b) => (a.status === b.status ? b.score - a.score : a.status === 'open' ? -1 : 1));
}

function describe(members: GapItem[], idx: number[], vectors: Float32Array[] | null, now: Date): GapGroup {
  const newest = [...members].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const first = members[0]!;
  const t = now.getTime();
  const reasons: Partial<Record<GapReason, number>> = {};
  for (const m of members) reasons[m.reason] = (reasons[m.reason] ?? 0) + 1;
  const closed = members.every((m) => m.closedAt);
  return {
    id: createHash('sha256').update(first.messageId).digest('hex').slice(0, 16),
    label: shorten(typical(members, idx, vectors)),
    count: members.length,
    firstSeenAt: first.createdAt.toISOString(),
    lastSeenAt: newest[0]!.createdAt.toISOString(),
    examples: [...new Set(newest.map((m) => m.text.trim()))].slice(0, 5),
    trend: {
      last7: members.filter((m) => t - m.createdAt.getTime() <= 7 * DAY).length,
      previous7: members.filter((m) => t - m.createdAt.getTime() > 7 * DAY && t - m.createdAt.getTime() <= 14 * DAY)
        .length,
    },
    reasons,
    conversationIds: [...new Set(newest.map((m) => m.conversationId))].slice(0, 10),
    status: closed ? 'closed' : 'open',
    closedBy: closed ? (newest.find((m) => m.closedBy)?.closedBy ?? null) : null,
    score: Math.round(members.reduce((s, m) => s + 0.5 ** ((t - m.createdAt.getTime()) / (7 * DAY)), 0) * 1000) / 1000,
  };
}

/** The member closest to all others (by vector, or the shortest question without vectors). */
function typical(members: GapItem[], idx: number[], vectors: Float32Array[] | null): string {
  if (!vectors || members.length < 3) return [...members].sort((a, b) => a.text.length - b.text.length)[0]!.text;
  let best = 0;
  let bestSum = -Infinity;
  idx.forEach((i, k) => {
    const sum = idx.reduce((s, j) => s + dot(vectors[i]!, vectors[j]!), 0);
    if (sum > bestSum) {
      bestSum = sum;
      best = k;
    }
  });
  return members[best]!.text;
}

function shorten(text: string, max = 90): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1).trimEnd()}…`;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let n = 0;
  for (const x of b) n += x * x;
  return n > 0 ? dot(a, b) / Math.sqrt(n) : 0;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter / (a.size + b.size - inter);
}
