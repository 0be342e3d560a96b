/**
 * Answer cache (issue 14.5) through the real runtime on PGlite: a repeated first question is
 * answered from the cache (same answer, counted in /metrics), a question in a conversation with
 * context bypasses it, and a KB change invalidates the cached answers.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bumpKbVersion } from '../src/kb/kb-store.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';
import { waitFor } from './helpers/wait.js';

const KB_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/kb-bikeshare');
// biome-ignore lint/suspicious/noExplicitAny: public JSON messages
type Msg = any;
let t: TestRuntime;

beforeAll(async () => {
  t = await startTestRuntime({ BRAND_NAME: 'PedalPoint' });
  await t.runtime.kb.importDir(KB_DIR);
}, 60_000);
afterAll(() => t?.runtime.stop());

async function ask(token: string, text: string): Promise<Msg> {
  const sent = await t.api('/v1/widget/messages', { body: { text }, token });
  return waitFor(
    async () => {
      const h = await t.api('/v1/widget/messages', { token });
      const bot = h.body.messages.findLast((m: Msg) => m.role === 'bot');
      const customer = h.body.messages.findLast((m: Msg) => m.role === 'customer');
      return customer?.id === sent.body.messageId && bot && bot.seq > customer.seq ? bot : undefined;
    },
    { timeoutMs: 15_000, what: text },
  );
}
const session = async () => (await t.api('/v1/widget/sessions', { body: {} })).body.token as string;
const lookups = async (result: string) => {
  const m = (await t.runtime.metrics.render()).match(
    new RegExp(`switchboard_answer_cache_lookups_total\\{result="${result}"\\} (\\d+)`),
  );
  return Number(m?.[1] ?? 0);
};
const stored = async () =>
  Number((await t.runtime.db.query<{ n: number }>('SELECT count(*)::int AS n FROM answer_cache')).rows[0]?.n);

it('answers a repeated question from the cache, bypasses it with context, and forgets it when the KB changes', async () => {
  const first = await ask(await session(), 'How much is a day pass?');
  expect(first.kind).toBe('answer');
  await waitFor(async () => ((await stored()) > 0 ? true : undefined), { what: 'the cached answer' });

  const again = await ask(await session(), 'how much is a DAY pass');
  expect(again).toMatchObject({ kind: 'answer', text: first.text, sources: first.sources });
  expect(await lookups('hit_exact')).toBe(1);

  // In a conversation with context the cache is not consulted.
  const token = await session();
  await ask(token, 'do you take apple pay');
  const before = (await lookups('hit_exact')) + (await lookups('miss')) + (await lookups('hit_semantic'));
  expect((await ask(token, 'How much is a day pass?')).kind).toBe('answer');
  const after = (await lookups('hit_exact')) + (await lookups('miss')) + (await lookups('hit_semantic'));
  expect(after).toBe(before);

  // An article change makes a new KB version: the old answer is not served.
  await bumpKbVersion(t.runtime.db);
  t.runtime.kb.clearCache();
  const misses = await lookups('miss');
  expect((await ask(await session(), 'How much is a day pass?')).kind).toBe('answer');
  expect(await lookups('miss')).toBe(misses + 1);
}, 60_000);
