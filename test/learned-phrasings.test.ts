/**
 * Learned phrasings (issue 14.3) on PGlite with the real encoder: a customer wording that first
 * retrieved the wrong article, once rated Helpful on an answer citing the right one, retrieves the
 * right one; "Not helpful" lowers the pair; hand-off turns never teach; removing the phrasing
 * restores the old behaviour.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import { bumpKbVersion } from '../src/kb/kb-store.js';
import { createKnowledgeBase, type SearchableKnowledgeBase } from '../src/kb/knowledge-base.js';
import { deletePhrasing, listPhrasings } from '../src/kb/phrasings-store.js';
import { learnFromSignals } from '../src/learning/learn-feedback.js';
import { createPgliteTestDb, type TestDb } from './helpers/db.js';

const KB_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/kb-bikeshare');
const WORDING = 'can I get rid of my profile';
let t: TestDb;
let db: Db;
let kb: SearchableKnowledgeBase;
let n = 0;

beforeAll(async () => {
  t = await createPgliteTestDb();
  db = t.db;
  kb = createKnowledgeBase(db, { versionTtlMs: 0 });
  await kb.importDir(KB_DIR);
}, 60_000);
afterAll(() => t?.drop());

/** A customer asks `text`, the bot replies (`kind`, citing `articleId`), the customer rates it. */
async function ratedTurn(text: string, kind: string, articleId: string, rating: 1 | -1): Promise<void> {
  n++;
  const c = await db.query<{ id: string }>(
    "INSERT INTO customers (channel, external_id) VALUES ('widget', $1) RETURNING id",
    [`c${n}`],
  );
  const conv = await db.query<{ id: string }>(
    "INSERT INTO conversations (customer_id, channel, external_key) VALUES ($1, 'widget', $2) RETURNING id",
    [c.rows[0]!.id, `k${n}`],
  );
  const convId = conv.rows[0]!.id;
  const q = await db.query<{ id: string }>(
    "INSERT INTO messages (conversation_id, role, channel, text) VALUES ($1, 'customer', 'widget', $2) RETURNING id",
    [convId, text],
  );
  const meta = { kind, citations: [articleId], sources: [{ id: articleId, title: articleId }] };
  const b = await db.query<{ id: string }>(
    "INSERT INTO messages (conversation_id, role, channel, text, reply_to, meta) VALUES ($1, 'bot', 'widget', 'reply', $2, $3) RETURNING id",
    [convId, q.rows[0]!.id, JSON.stringify(meta)],
  );
  await db.query(
    "INSERT INTO feedback (message_id, conversation_id, channel, rater, rating) VALUES ($1, $2, 'widget', 'customer', $3)",
    [b.rows[0]!.id, convId, rating],
  );
}

const top1 = async (q: string) => (await kb.retrieve(q)).candidates[0]?.id;

it('a Helpful rating on the right article teaches the wording; removing it restores the old ranking', async () => {
  const before = await top1(WORDING);
  expect(before).not.toBe('account-delete');

  // Hand-off turns never teach, even when rated up.
  await ratedTurn(WORDING, 'handoff', 'account-delete', 1);
  expect((await learnFromSignals(db)).phrasingsChanged).toBe(0);
  expect(await top1(WORDING)).toBe(before);

  await ratedTurn(`${WORDING}? my email is jo@example.com`, 'answer', 'account-delete', 1);
  expect((await learnFromSignals(db)).phrasingsChanged).toBe(1);
  const learned = await listPhrasings(db, 'account-delete');
  expect(learned).toHaveLength(1);
  expect(learned[0]!.text).not.toMatch(/@/); // personal data stripped
  expect(await top1(WORDING)).toBe('account-delete');
  expect(await top1('could I get rid of my profile please')).toBe('account-delete');
  // Never quoted: the passage shown is the article's own text.
  expect((await kb.retrieve(WORDING)).candidates[0]!.passage).not.toMatch(/profile/);

  // A second learning pass does not count the same rating again.
  expect((await learnFromSignals(db)).phrasingsChanged).toBe(0);

  // Staff remove it: the old behaviour is back.
  await db.transaction(async (tx) => {
    expect(await deletePhrasing(tx, 'account-delete', learned[0]!.id)).toBe(true);
    await bumpKbVersion(tx);
  });
  expect(await top1(WORDING)).toBe(before);
}, 60_000);

it('"Not helpful" lowers the pair until it is no longer used, and records a gap', async () => {
  await ratedTurn(WORDING, 'answer', 'account-delete', 1);
  await learnFromSignals(db);
  expect(await top1(WORDING)).toBe('account-delete');
  await ratedTurn(WORDING, 'answer', 'account-delete', -1);
  const r = await learnFromSignals(db);
  expect(r.phrasingsChanged).toBe(1);
  expect(r.gapsAdded).toBe(1);
  expect((await listPhrasings(db, 'account-delete'))[0]!.score).toBe(0);
  expect(await top1(WORDING)).not.toBe('account-delete');
}, 60_000);
