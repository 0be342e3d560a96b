/**
 * Customer memory and deletion on request (issue 14.4) on PGlite: the memory shows past topics,
 * escalations and stated preferences; forgetting the customer clears their messages' text, their
 * memory, the phrasings learned from their wordings, their gaps and cached answers.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { kbVersion } from '../src/kb/kb-store.js';
import { createKnowledgeBase } from '../src/kb/knowledge-base.js';
import { listPhrasings } from '../src/kb/phrasings-store.js';
import { forgetCustomer } from '../src/learning/forget.js';
import { learnFromSignals } from '../src/learning/learn-feedback.js';
import { loadCustomerMemory } from '../src/learning/memory-store.js';
import { createPgliteTestDb, type TestDb } from './helpers/db.js';

const KB_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/kb-bikeshare');
let t: TestDb;

beforeAll(async () => {
  t = await createPgliteTestDb();
  await createKnowledgeBase(t.db, { encoder: null }).importDir(KB_DIR);
}, 60_000);
afterAll(() => t?.drop());

it('remembers a customer, then forgets their text, memory and learned phrasings', async () => {
  const { db } = t;
  const cust = (
    await db.query<{ id: string }>(
      "INSERT INTO customers (channel, external_id, display_name) VALUES ('widget', 'x1', 'Jo') RETURNING id",
    )
  ).rows[0]!.id;
  const conv = (
    await db.query<{ id: string }>(
      "INSERT INTO conversations (customer_id, channel, external_key, language) VALUES ($1, 'widget', 'k1', 'en') RETURNING id",
      [cust],
    )
  ).rows[0]!.id;
  const q = (
    await db.query<{ id: string }>(
      "INSERT INTO messages (conversation_id, role, channel, text) VALUES ($1, 'customer', 'widget', 'how can I close my account for good? please email me') RETURNING id",
      [conv],
    )
  ).rows[0]!.id;
  const meta = {
    kind: 'answer',
    citations: ['account-delete'],
    sources: [{ id: 'account-delete', title: 'Close your PedalPoint account' }],
  };
  const b = (
    await db.query<{ id: string }>(
      "INSERT INTO messages (conversation_id, role, channel, text, reply_to, meta) VALUES ($1, 'bot', 'widget', 'Open Settings and tap Close account.', $2, $3) RETURNING id",
      [conv, q, JSON.stringify(meta)],
    )
  ).rows[0]!.id;
  await db.query(
    "INSERT INTO feedback (message_id, conversation_id, channel, rater, rating) VALUES ($1, $2, 'widget', 'customer', 1)",
    [b, conv],
  );
  await learnFromSignals(db);
  expect(await listPhrasings(db, 'account-delete')).toHaveLength(1);

  const memory = await loadCustomerMemory(db, cust);
  expect(memory).toMatchObject({
    topics: [
      expect.objectContaining({
        articleId: 'account-delete',
        title: 'Close your PedalPoint account',
        question: 'how can I close my account for good? please email me',
      }),
    ],
    preferences: ['contact by email'],
    language: 'en',
  });

  const version = await kbVersion(db);
  const r = await forgetCustomer(db, cust);
  expect(r).toMatchObject({ messages: 2, phrasings: 1 });
  const texts = await db.query<{ text: string }>('SELECT text FROM messages WHERE conversation_id = $1', [conv]);
  expect(texts.rows.every((m) => m.text === '')).toBe(true);
  expect(await listPhrasings(db, 'account-delete')).toHaveLength(0);
  expect(await kbVersion(db)).toBeGreaterThan(version); // every retriever drops the phrasing
  expect(await loadCustomerMemory(db, cust)).toMatchObject({ topics: [], preferences: [], language: null });
  await expect(forgetCustomer(db, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
    code: 'customer_not_found',
  });
});
