/**
 * The knowledge base and the brand as configured: encoder on or off, threshold overrides, and
 * who the assistant speaks for (`BRAND_NAME`, `ASSISTANT_NAME`, `SUPPORT_TOPICS`; topics default
 * to the words the operator's article titles and tags use most).
 */
import type { Config } from '../config.js';
import type { Brand } from '../core/agents.js';
import type { Db } from '../db/db.js';
import { offlineEncoder } from './encoder.js';
import { createKnowledgeBase, type SearchableKnowledgeBase } from './knowledge-base.js';
import { DEMO_BRAND_NAME } from './seed.js';
import { STOP_WORDS, tokenize } from './text.js';

/** Create the knowledge base with the configured encoder and thresholds. */
export function knowledgeBaseFromConfig(
  db: Db,
  config: Config,
  onEncoderError?: (err: unknown) => void,
): SearchableKnowledgeBase {
  const thresholds = {
    ...(config.KB_ANSWER_MIN !== undefined ? { answerMin: config.KB_ANSWER_MIN } : {}),
    ...(config.KB_HINT_MIN !== undefined ? { hintMin: config.KB_HINT_MIN } : {}),
  };
  return createKnowledgeBase(db, {
    encoder: config.KB_ENCODER === 'off' ? null : offlineEncoder,
    thresholds,
    onEncoderError,
  });
}

const GENERIC_TITLE_WORDS = new Set(
  'how what why when where can do does get set use using change add remove make your our new about faq guide help'.split(
    ' ',
  ),
);

/** The most used topic words of article titles and tags (plural-ish nouns a reply can list). */
export function topicsFromArticles(articles: Array<{ title: string; tags: string[] }>, max = 5): string[] {
  const counts = new Map<string, number>();
  for (const a of articles) {
    const words = new Set([...tokenize(a.title), ...a.tags.flatMap((t) => tokenize(t))]);
    for (const w of words) {
      if (w.length < 4 || STOP_WORDS.has(w) || GENERIC_TITLE_WORDS.has(w) || /\d/.test(w)) continue;
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .filter(([, n]) => n >= 2 || articles.length < 6)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([w]) => w);
}

/** A brand that follows the KB: recomputed at most once a minute. */
export function createBrandSource(config: Config, kb: SearchableKnowledgeBase): () => Promise<Brand> {
  let cached: { brand: Brand; at: number } | undefined;
  return async () => {
    if (cached && Date.now() - cached.at < 60_000) return cached.brand;
    const articles = await kb.list();
    const topics = config.SUPPORT_TOPICS.length ? config.SUPPORT_TOPICS : topicsFromArticles(articles);
    // The shipped demo speaks for its fictional company until the operator imports their own KB.
    const demoOnly = articles.length > 0 && articles.every((a) => a.source === 'demo');
    const name = config.BRAND_NAME ?? (demoOnly ? DEMO_BRAND_NAME : '');
    const brand = { name, assistantName: config.ASSISTANT_NAME ?? '', topics };
    cached = { brand, at: Date.now() };
    return brand;
  };
}
