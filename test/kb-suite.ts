/**
 * One knowledge-base suite, run against every database implementation (PGlite and Postgres).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../src/core/errors.js';
import { createKnowledgeBase, DEFAULT_KB_DIR, type SearchableKnowledgeBase, seedIfEmpty } from '../src/kb/index.js';
import type { TestDb } from './helpers/db.js';

/** Top article expected for a customer question. */
const EXPECTED_TOP: Array<[string, string]> = [
  ['How do I reset my password?', 'password-reset'],
  ['my card was declined at the supermarket', 'card-declined'],
  ['I was charged twice for the same thing', 'duplicate-charge'],
  ['how long does shipping take?', 'shipping-delivery'],
  ['I want to cancel my subscription', 'cancel-subscription'],
  ['how much is the Growth plan per month', 'plans-and-pricing'],
  ['what are your opening hours', 'contact-support'],
  ['how do I rotate an API key', 'api-keys'],
  ['can I export my data as CSV', 'data-export'],
  ['my payment is stuck on pending', 'pending-payments'],
];

/** Register the suite for one database kind. */
export function kbSuite(name: string, createTestDb: () => Promise<TestDb>): void {
  describe(`knowledge base on ${name}`, () => {
    let t: TestDb;
    let kb: SearchableKnowledgeBase;

    beforeAll(async () => {
      t = await createTestDb();
      kb = createKnowledgeBase(t.db);
    });
    afterAll(async () => {
      await t?.drop();
    });

    it('seeds the shipped demo knowledge base only when empty', async () => {
      const first = await seedIfEmpty(t.db);
      expect(first?.errors).toEqual([]);
      expect(first?.imported).toBeGreaterThanOrEqual(35);
      expect(await kb.count()).toBe(first?.imported);
      expect(await seedIfEmpty(t.db)).toBeUndefined();
      const again = await kb.importDir(DEFAULT_KB_DIR, { source: 'demo' });
      expect(again).toEqual({ imported: 0, skipped: first?.imported, removed: [], errors: [] });
      expect((await kb.list()).every((a) => a.source === 'demo')).toBe(true);
    });

    it.each(EXPECTED_TOP)('finds the right article for "%s"', async (question, id) => {
      const results = await kb.search(question, { limit: 3 });
      expect(results[0]?.id).toBe(id);
      expect(results[0]?.score).toBeGreaterThanOrEqual(0.55);
      for (const r of results) expect(r.score).toBeGreaterThanOrEqual(0);
      for (const r of results) expect(r.score).toBeLessThanOrEqual(1);
      const scores = results.map((r) => r.score ?? 0);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    });

    it('is never confident on unrelated questions', async () => {
      for (const q of ['what is the weather in Paris', 'can I order a pizza with pineapple', 'who won the world cup']) {
        const r = await kb.retrieve(q);
        expect(r.evidence, q).not.toBe('confident');
      }
      expect(await kb.search('?? !!')).toEqual([]);
    });

    it('uses the department as a soft prior, never as a filter', async () => {
      const billing = await kb.search('refund', { department: 'billing' });
      expect(billing[0]?.department).toBe('billing');
      const elsewhere = await kb.search('how long does shipping take', { department: 'technical' });
      expect(elsewhere[0]?.id).toBe('shipping-delivery');
    });

    it('calibrates its thresholds on the knowledge base itself', async () => {
      const s = await kb.retriever.state();
      expect(s.thresholds.basis).toMatch(/held-out articles/);
      expect(s.thresholds.answerMin).toBeGreaterThan(s.thresholds.hintMin);
      expect(s.index.passages.length).toBeGreaterThanOrEqual(s.index.articles.length);
    });

    it('looks articles up by id', async () => {
      const found = await kb.getArticles(['refunds', 'no-such-article']);
      expect(found.map((a) => a.id)).toEqual(['refunds']);
      expect(found[0]?.body).toContain('14 days');
    });

    it('updates changed articles, reports bad files, and clears the search cache', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'kb-'));
      const ok = (id: string, body: string) =>
        `---\nid: ${id}\ntitle: "Quokka photos"\ndepartment: product\ntags:\n  - quokka\n  - photos\n---\n${body}\n`;
      writeFileSync(
        path.join(dir, 'a.md'),
        ok('quokka-photos', 'Quokka photos are stored for 90 days in the gallery.'),
      );
      writeFileSync(
        path.join(dir, 'b.md'),
        '---\nid: broken\ndepartment: product\n---\nA body without any title at all here.',
      );
      writeFileSync(
        path.join(dir, 'c.md'),
        '---\ntitle: Bad dept\ndepartment: sales\n---\nSome body text long enough.',
      );
      writeFileSync(path.join(dir, 'd.md'), '---\ntitle: Never ends\nbody without a closing fence');
      writeFileSync(path.join(dir, 'e.md'), ok('quokka-photos', 'Duplicate id of the first file, rejected.'));
      writeFileSync(path.join(dir, 'notes.txt'), 'ignored');
      const progress: number[] = [];
      const r = await kb.importDir(dir, { onProgress: (p) => p.phase === 'read' && progress.push(p.done) });
      expect(r.imported).toBe(1);
      expect(r.skipped).toBe(4);
      expect(progress).toEqual([1, 2, 3, 4, 5]);
      expect(r.errors.map((e) => e.split(':')[0])).toEqual(['b.md', 'c.md', 'd.md', 'e.md']);
      expect(r.errors.join('\n')).toMatch(/missing title/);
      expect(r.errors.join('\n')).toMatch(/department must be one of/);
      expect(r.errors.join('\n')).toMatch(/never ends/);
      expect(r.errors.join('\n')).toMatch(/duplicate id "quokka-photos"/);

      const before = await kb.search('how long are quokka photos stored');
      expect(before[0]?.body).toContain('90 days');
      writeFileSync(
        path.join(dir, 'a.md'),
        ok('quokka-photos', 'Quokka photos are stored for 30 days in the gallery.'),
      );
      const second = await kb.importDir(dir);
      expect(second.imported).toBe(1);
      const after = await kb.search('how long are quokka photos stored');
      expect(after[0]?.body).toContain('30 days');
    });

    it('rejects a missing folder with a clear error', async () => {
      const err = await kb.importDir('/no/such/kb/folder').catch((e: unknown) => e);
      expect(isSwitchboardError(err) && err.code === 'kb_dir_not_found' && err.status === 400).toBe(true);
    });
  });
}
