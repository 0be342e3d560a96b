/** Retrieval stages, each measured on its own: sentence splitting, passages, BM25, typos, synonyms. */
import { describe, expect, it } from 'vitest';
import { createBm25 } from '../src/kb/bm25.js';
import { splitPassages } from '../src/kb/passages.js';
import { correctTerms, editDistance } from '../src/kb/spelling.js';
import { expandTerms } from '../src/kb/synonyms.js';
import { contentTerms, splitSentences } from '../src/kb/text.js';

describe('retrieval stages', () => {
  it('splits sentences without cutting URLs, e-mail addresses, code or numbers', () => {
    expect(splitSentences('See https://github.com/acme/app.git for details. Use v2.5 or later, e.g. 2.6.')).toEqual([
      'See https://github.com/acme/app.git for details.',
      'Use v2.5 or later, e.g. 2.6.',
    ]);
    expect(splitSentences('Write to help@acme.example.com. Run `npm i x.y` first! then retry.')).toEqual([
      'Write to help@acme.example.com.',
      'Run `npm i x.y` first! then retry.',
    ]);
  });

  it('splits long articles into passages by heading, keeping a list with its introduction', () => {
    const body = `Intro paragraph about the feature.\n\n## Setup\nTo set it up:\n1. Open settings.\n2. Save.\n\n## Limits\nUp to 5 per day.`;
    const p = splitPassages({ id: 'a', title: 'Feature', body });
    expect(p.map((x) => x.heading)).toEqual(['Feature', 'Setup', 'Limits']);
    expect(p[1]?.text).toBe('To set it up:\n1. Open settings.\n2. Save.');
  });

  it('normalises BM25 by length: a long article does not win on one shared word', () => {
    const short = contentTerms('refund policy refunds within 14 days');
    const long = contentTerms(`refund ${'unrelated words about shipping and orders '.repeat(40)}`);
    const s = createBm25([short, long]).scores(contentTerms('refund'));
    expect(s[0]).toBeGreaterThan(s[1] ?? 0);
  });

  it('matches typos to the knowledge base vocabulary and expands everyday synonyms', () => {
    expect(editDistance('pasword', 'password', 1)).toBe(1);
    expect(editDistance('cstomer', 'customer', 1)).toBe(1);
    const vocab = ['password', 'invoic', 'customer', 'ship'];
    expect(correctTerms(['pasword', 'cstomer', 'weather'], (t) => vocab.includes(t), vocab)).toEqual([
      'password',
      'customer',
    ]);
    expect(expandTerms(contentTerms('money back for my purchase'))).toEqual(
      expect.arrayContaining(contentTerms('refund order')),
    );
  });
});
