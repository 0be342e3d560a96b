/**
 * Answer-cache figures on the staff stats page (issue 14.5): lookups are counted in memory and
 * written to answer_cache_stats in batches (never one write per lookup); after a miss and a cached
 * hit, GET /v1/staff/stats reports them. Real runtime on real Postgres.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runStaffAdd } from '../src/cli/staff.js';
import type { Queryable } from '../src/core/database.js';
import { createCacheStats } from '../src/learning/cache-stats.js';
import { cacheCountsSince } from '../src/learning/cache-stats-store.js';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';
import { waitFor } from './helpers/wait.js';

const KB_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/kb-bikeshare');
// biome-ignore lint/suspicious/noExplicitAny: public JSON messages
type Msg = any;
let t: TestRuntime;
let testDb: TestDb;
let staffToken: string;

beforeAll(async () => {
  testDb = await createPostgresTestDb();
  t = await startTestRuntime({ DATABASE_URL: testDb.url, BRAND_NAME: 'PedalPoint' });
  await t.runtime.kb.importDir(KB_DIR);
  await runStaffAdd({ email: 'ada@example.com', password: 'ada-password-1', name: 'Ada' }, t.runtime.db, () => {});
  staffToken = (await t.api('/v1/staff/login', { body: { email: 'ada@example.com', password: 'ada-password-1' } })).body
    .token;
}, 60_000);
afterAll(async () => {
  await t?.runtime.stop();
  await testDb?.drop();
});

async function ask(text: string): Promise<Msg> {
  const token = (await t.api('/v1/widget/sessions', { body: {} })).body.token as string;
  const sent = await t.api('/v1/widget/messages', { body: { text }, token });
  return waitFor(
    async () => {
      const h = await t.api('/v1/widget/messages', { token });
      const bot = h.body.messages.findLast((m: Msg) => m.role === 'bot');
      return bot && bot.seq > 0 && h.body.messages.some((m: Msg) => m.id === sent.body.messageId) ? bot : undefined;
    },
    { timeoutMs: 15_000, what: text },
  );
}

it('reports a cache miss and a cached hit on GET /v1/staff/stats', async () => {
  expect((await ask('How much is a day pass?')).kind).toBe('answer');
  await waitFor(
    async () => ((await t.runtime.db.query('SELECT 1 FROM answer_cache')).rows.length > 0 ? true : undefined),
    { what: 'the cached answer' },
  );
  expect((await ask('how much is a DAY pass')).kind).toBe('answer');

  const stats = await t.api('/v1/staff/stats?days=7', { token: staffToken });
  expect(stats.status).toBe(200);
  expect(stats.body.cache).toMatchObject({
    lookups: 2,
    exactHits: 1,
    semanticHits: 0,
    misses: 1,
    hitRate: 0.5,
    modelCallsSaved: 0, // the local tier answered: no paid call to save
    wrongHitsPrevented: 0,
    stores: 1,
  });
}, 60_000);

it('batches the counters: no write per lookup, one statement per flush, kept when a write fails', async () => {
  const day = new Date().toISOString().slice(0, 10);
  const before = await cacheCountsSince(t.runtime.db, day);
  let writes = 0;
  let failNext = true;
  const db: Queryable = {
    query: (async (sql: string, params?: unknown[]) => {
      writes += 1;
      if (failNext) {
        failNext = false;
        throw new Error('database away');
      }
      return t.runtime.db.query(sql, params);
    }) as Queryable['query'],
  };
  const errors: unknown[] = [];
  const stats = createCacheStats({ db, flushMs: 60_000, onError: (e) => errors.push(e) });
  for (let i = 0; i < 100; i++) stats.metrics.inc('answer_cache_lookups_total', { result: 'hit_semantic' });
  stats.metrics.inc('answer_cache_lookups_total', { result: 'miss_checked' });
  stats.metrics.inc('answer_cache_wrong_hits_prevented_total');
  stats.metrics.inc('answer_cache_model_calls_saved_total', {}, 3);
  expect(writes).toBe(0);
  await stats.flush();
  expect([writes, errors.length]).toEqual([1, 1]);
  await stats.close();
  expect(writes).toBe(2);
  const after = await cacheCountsSince(t.runtime.db, day);
  expect(after.hitsSemantic - before.hitsSemantic).toBe(100);
  expect(after.misses - before.misses).toBe(1);
  expect(after.wrongHitsPrevented - before.wrongHitsPrevented).toBe(1);
  expect(after.modelCallsSaved - before.modelCallsSaved).toBe(3);
});
