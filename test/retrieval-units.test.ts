/** Retrieval stages, each measured on its own: sentence splitting, passages, BM25, typos, synonyms. */
import { describe, expect, it } from 'vitest';
import { createBm25 } from '../src/kb/bm25.js';
import { buildHybridIndex, rankHybrid } from '../src/kb/hybrid.js';
import { splitPassages } from '../src/kb/passages.js';
import { contradicted } from '../src/kb/phrasings.js';
import { semanticQuery } from '../src/kb/retriever.js';
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

  it('is not confident about an article for a wording it was rated "Not helpful" for', () => {
    const unit = (...xs: number[]) => {
      const v = Float32Array.from(xs);
      const n = Math.hypot(...xs);
      return v.map((x) => x / n);
    };
    const articles = [
      {
        id: 'invoice-download',
        title: 'Download an invoice',
        body: 'Open Billing and select Download.',
        department: 'billing',
        tags: [],
      },
      {
        id: 'invoice-questions',
        title: 'Questions about an invoice',
        body: 'Contact billing about a charge.',
        department: 'billing',
        tags: [],
      },
    ];
    const passages = articles.map((a) => ({ articleId: a.id, index: 0, heading: a.title, text: a.body }));
    const index = buildHybridIndex(articles, passages, {
      titles: [unit(1, 0, 0), unit(0, 1, 0)],
      passages: [unit(1, 0.2, 0), unit(0, 1, 0.2)],
    });
    const q = unit(0.8, 0.1, 0.6);
    const [top] = rankHybrid(index, 'where is the invoice for last month', q);
    expect(top?.article.id).toBe('invoice-download');
    expect(contradicted(index, top!, q)).toBe(false);
    index.negatives = [{ articleId: 'invoice-download', vector: unit(0.75, 0.1, 0.65) }];
    expect(contradicted(index, top!, q)).toBe(true);
    expect(contradicted(index, top!, unit(1, 0, 0))).toBe(false);
  });

  it('drops order numbers, ids, e-mail addresses and links before the sentence encoder reads a question', () => {
    expect(semanticQuery('where is parcel 88812345670, it was due monday?')).toBe(
      'where is parcel, it was due monday?',
    );
    expect(semanticQuery('invoice #INV-20931 is wrong, mail a.b@example.com')).toBe('invoice is wrong, mail');
    expect(semanticQuery('covid-19 symptoms on my iPhone15')).toBe('covid-19 symptoms on my iPhone15');
    expect(semanticQuery('12345')).toBe('12345');
  });
});
