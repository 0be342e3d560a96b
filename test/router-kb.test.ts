/**
 * The router learns the operator's knowledge base: rows from titles, tags, headings and first
 * sentences, and a learning router that retrains when the KB changes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLearningRouter, createLocalRouter, kbTrainingRows } from '../agents/router/index.js';
import { EMPTY_KNOWLEDGE_BASE } from '../src/core/agents.js';
import { nullRecorder } from '../src/core/models.js';
import { parseArticle } from '../src/kb/front-matter.js';

const KB_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/kb-bikeshare');
const articles = readdirSync(KB_DIR).map((f) => parseArticle(readFileSync(path.join(KB_DIR, f), 'utf8'), f));
const ctx = (text: string) => ({
  conversationId: 'c',
  messageId: 'm',
  text,
  history: [],
  limits: { maxMessageChars: 4000, supportsMarkdown: false },
  kb: EMPTY_KNOWLEDGE_BASE,
  recorder: nullRecorder,
});

describe('router learning the knowledge base', () => {
  it('turns titles, tags, headings and first sentences into labelled rows', () => {
    const rows = kbTrainingRows(articles);
    expect(rows.find((r) => r.text === 'Unlock a bike with the app')).toMatchObject({
      department: 'technical',
      weight: 5,
    });
    expect(rows.some((r) => r.text === 'The dock is full' && r.department === 'technical')).toBe(true);
    expect(rows.some((r) => r.text.startsWith('A single ride costs $1') && r.department === 'product')).toBe(true);
    expect(new Set(rows.map((r) => r.department))).toEqual(new Set(['technical', 'billing', 'product']));
  });

  it('routes the new domain into scope after learning it, and retrains only when the KB changes', async () => {
    // Out of scope for the shipped router (it has never heard of bike docks or helmets)...
    const questions = ['do I need a helmet to ride', 'can my 15 year old ride'];
    for (const q of questions) expect(createLocalRouter().classify(q).department).toBe('out_of_scope');
    let calls = 0;
    let version = 1;
    const router = createLearningRouter({
      rows: async () => {
        calls++;
        return { key: `v${version}`, rows: kbTrainingRows(articles) };
      },
      checkEveryMs: 0,
    });
    await router.refresh();
    const first = router.current;
    // ...in scope once it has learned the operator's articles.
    for (const q of questions) expect((await router.route(ctx(q))).department, q).not.toBe('out_of_scope');
    await router.refresh();
    expect(router.current).toBe(first);
    version = 2;
    await router.refresh();
    expect(router.current).not.toBe(first);
    expect(calls).toBeGreaterThanOrEqual(3);
  });
});
