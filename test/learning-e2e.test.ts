/**
 * Issue 14 end to end (real Postgres, real Chromium for the console): a customer question the KB
 * does not cover ends `uncertain` and becomes a knowledge gap -> the customer asks for a person,
 * staff answer and resolve -> a draft article appears on the console's Knowledge gaps page ->
 * staff edit and publish it -> the gap shows as closed, the article is in the KB with source
 * `conversation:<id>` and a version -> a new customer asking a rephrasing gets an `answer` citing
 * the new article, with no hand-off.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runStaffAdd } from '../src/cli/staff.js';
import { launchChromium } from './helpers/chromium.js';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';
import { waitFor } from './helpers/wait.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const KB_DIR = path.join(HERE, 'fixtures/kb-bikeshare');
const ARTIFACTS = path.resolve(HERE, '../test-artifacts');
// biome-ignore lint/suspicious/noExplicitAny: public JSON messages
type Msg = any;

let t: TestRuntime;
let testDb: TestDb;
let browser: Browser;
let staffToken: string;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  testDb = await createPostgresTestDb();
  t = await startTestRuntime({ DATABASE_URL: testDb.url, BRAND_NAME: 'PedalPoint' });
  await t.runtime.kb.importDir(KB_DIR);
  await runStaffAdd({ email: 'ada@example.com', password: 'ada-password-1', name: 'Ada' }, t.runtime.db, () => {});
  staffToken = (await t.api('/v1/staff/login', { body: { email: 'ada@example.com', password: 'ada-password-1' } })).body
    .token;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.runtime.stop();
  await testDb?.drop();
});

async function session(): Promise<string> {
  return (await t.api('/v1/widget/sessions', { body: {} })).body.token;
}

async function ask(token: string, text: string): Promise<Msg> {
  const sent = await t.api('/v1/widget/messages', { body: { text }, token });
  expect(sent.status).toBe(202);
  return waitFor(
    async () => {
      const h = await t.api('/v1/widget/messages', { token });
      const customer = h.body.messages.findLast((m: Msg) => m.role === 'customer');
      const bot = h.body.messages.findLast((m: Msg) => m.role === 'bot');
      return customer?.id === sent.body.messageId && bot && bot.seq > customer.seq ? bot : undefined;
    },
    { timeoutMs: 15_000, what: `a reply to "${text}"` },
  );
}

const staff = (p: string, body?: unknown) => t.api(`/v1/staff${p}`, { token: staffToken, body });

it('uncertain -> staff answer -> draft -> publish -> a rephrasing is answered from the new article', async () => {
  const question = 'can I bring my dog in a basket on the bike?';
  const customer = await session();
  const first = await ask(customer, question);
  expect(first.kind).toBe('uncertain');

  const gaps = await staff('/gaps');
  expect(gaps.status).toBe(200);
  const gap = gaps.body.gaps.find((g: Msg) => g.examples.includes(question));
  expect(gap).toMatchObject({ count: 1, status: 'open' });
  expect(gap.label).toBeTruthy();
  expect(new Date(gap.lastSeenAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

  expect((await ask(customer, 'yes please, I want to talk to a person')).kind).toBe('handoff');
  const open = await waitFor(async () => (await staff('/escalations?status=open')).body.escalations[0], {
    what: 'the escalation',
  });
  expect((await staff(`/escalations/${open.id}/claim`, {})).status).toBe(200);
  const answer =
    'Hi! Yes: small dogs may ride in a pet basket clipped to the front rack, up to 8 kg. ' +
    'Call me on +1 415 555 0100 if it does not fit. Larger dogs cannot ride on our bikes.';
  expect((await staff(`/escalations/${open.id}/reply`, { text: answer })).status).toBe(201);
  expect((await staff(`/escalations/${open.id}/resolve`, {})).status).toBe(200);

  const suggestions = await staff('/suggestions');
  expect(suggestions.status).toBe(200);
  const draft = suggestions.body.suggestions[0];
  expect(draft).toMatchObject({ conversationId: open.conversationId, status: 'pending' });
  expect(draft.title).toMatch(/dog/i);
  expect(draft.body).toMatch(/pet basket/);
  expect(draft.body).not.toMatch(/555/); // personal data stripped

  // Staff review, edit and publish it in the console.
  const page = await browser.newPage();
  await page.goto(`${t.url}/console/`);
  await page.fill('[data-c="login"] input[name="email"]', 'ada@example.com');
  await page.fill('[data-c="login"] input[name="password"]', 'ada-password-1');
  await page.click('[data-c="login-submit"]');
  await page.waitForSelector('[data-c="nav-gaps"]');
  await page.click('[data-c="nav-gaps"]');
  await page.waitForSelector(`[data-c="suggestion"][data-id="${draft.id}"]`);
  await page.waitForSelector('[data-c="gap"][data-status="open"]');
  await page.screenshot({ path: path.join(ARTIFACTS, 'console-gaps.png'), fullPage: true });
  await page.fill('[data-c="suggestion-title"]', 'Bringing a dog or pet on a bike');
  await page.click('[data-c="suggestion-publish"]');
  await page.waitForSelector('[data-c="no-suggestions"]');
  await page.waitForSelector('[data-c="gap"][data-status="closed"]');
  await page.close();

  const published = (await staff('/suggestions?status=published')).body.suggestions[0];
  const articleId = published.articleId as string;
  expect(published.title).toBe('Bringing a dog or pet on a bike');
  const article = (await t.runtime.kb.list()).find((a) => a.id === articleId);
  expect(article?.source).toBe(`conversation:${open.conversationId}`);
  expect((await staff(`/kb/articles/${articleId}/versions`)).body.versions).toHaveLength(1);
  const closed = (await staff('/gaps')).body.gaps.find((g: Msg) => g.examples.includes(question));
  expect(closed).toMatchObject({ status: 'closed', closedBy: articleId });

  // A new customer asks a rephrasing: answered from the new article, no hand-off.
  await new Promise((r) => setTimeout(r, 2100)); // every process notices the KB version within 2 s
  const reply = await ask(await session(), 'are dogs allowed to ride along in the bike basket?');
  expect(reply.kind).toBe('answer');
  expect(reply.sources[0]?.id).toBe(articleId);
  expect(reply.text).toMatch(/pet basket/);
  expect((await staff('/escalations?status=open')).body.escalations).toHaveLength(0);
}, 60_000);

it('rejects a decided suggestion and unknown ids with clear errors', async () => {
  const s = (await staff('/suggestions?status=published')).body.suggestions[0];
  expect((await staff(`/suggestions/${s.id}/reject`, {})).body.error.code).toBe('suggestion_decided');
  const missing = await staff('/suggestions/00000000-0000-4000-8000-000000000000/publish', {});
  expect(missing.status).toBe(404);
  expect(missing.body.error.code).toBe('suggestion_not_found');
});
