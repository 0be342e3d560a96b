/**
 * End to end in real Chromium on the real runtime (createRuntime + Postgres + local agents):
 * a customer asks for a human in the widget -> the escalation appears live in the console inbox ->
 * staff logs in, claims and replies -> the customer sees the reply -> the customer writes again and
 * no bot answers -> staff resolves -> the next customer message is answered by the bot.
 * Screenshots: test-artifacts/console-inbox.png and test-artifacts/console-stats.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AppRuntime, createRuntime } from '../src/app/create-runtime.js';
import { runStaffAdd } from '../src/cli/staff.js';
import { configWith } from '../src/config.js';
import { NOTICES } from '../src/escalations/service.js';
import { launchChromium } from './helpers/chromium.js';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';

const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-artifacts');
const silent = { debug() {}, info() {}, warn() {}, error() {} };

let testDb: TestDb;
let rt: AppRuntime;
let base: string;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  testDb = await createPostgresTestDb();
  rt = await createRuntime(
    configWith({ DATABASE_URL: testDb.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }),
    {
      log: silent,
    },
  );
  base = (await rt.start()).url;
  await runStaffAdd({ email: 'ada@example.com', password: 'ada-password-1', name: 'Ada' }, rt.db, () => {});
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await rt?.stop();
  await testDb?.drop();
});

const widgetTexts = (page: Page, role: string) =>
  page.$$eval(`[data-sb="messages"] [data-sb-role="${role}"]`, (els) => els.map((e) => e.textContent ?? ''));

async function customerSays(page: Page, text: string) {
  await page.fill('[data-sb="input"]', text);
  await page.click('[data-sb="send"]');
}

async function waitForWidgetText(page: Page, role: string, needle: string) {
  await page.waitForFunction(
    ([r, t]) =>
      [...document.querySelectorAll(`[data-sb="messages"] [data-sb-role="${r}"]`)].some((e) =>
        (e.textContent ?? '').includes(t as string),
      ),
    [role, needle],
    { timeout: 30_000 },
  );
}

it('widget -> console handoff and back to the bot', async () => {
  const staff = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const customer = await (await browser.newContext({ viewport: { width: 1100, height: 800 } })).newPage();

  // Staff logs in first, so the escalation must arrive live (no reload).
  await staff.goto(`${base}/console/`);
  await staff.fill('[data-c="login"] input[name="email"]', 'ada@example.com');
  await staff.fill('[data-c="login"] input[name="password"]', 'ada-password-1');
  await staff.click('[data-c="login-submit"]');
  await staff.waitForSelector('[data-c="inbox-empty"]');
  await staff.waitForSelector('[data-c="live"].on');

  await customer.goto(`${base}/`);
  await customer.waitForSelector('[data-sb="input"]');
  await customerSays(customer, 'I want to talk to a human agent, please.');
  await waitForWidgetText(customer, 'system', NOTICES.waiting);

  const row = await staff.waitForSelector('[data-c="inbox-row"][data-status="open"]', { timeout: 30_000 });
  await staff.screenshot({ path: path.join(ARTIFACTS, 'console-inbox.png'), fullPage: true });
  await row.click();
  await staff.waitForSelector('[data-c="conversation"][data-status="open"]');
  const transcript = await staff.$$eval('[data-c="transcript"] [data-c="text"]', (els) =>
    els.map((e) => e.textContent),
  );
  expect(transcript).toContain('I want to talk to a human agent, please.');

  await staff.click('[data-c="claim"]');
  await staff.waitForSelector('[data-c="conversation"][data-status="claimed"]');
  await waitForWidgetText(customer, 'system', NOTICES.joined('Ada'));

  // AI-suggested draft fills the reply box for editing (never sent by itself).
  await staff.click('[data-c="draft"]');
  await staff.waitForFunction(
    () => ((document.querySelector('[data-c="reply-text"]') as HTMLTextAreaElement | null)?.value ?? '').length > 10,
    undefined,
    { timeout: 30_000 },
  );
  const reply = 'Hi, this is Ada from support. I can help you with that <b>now</b>.';
  await staff.fill('[data-c="reply-text"]', reply);
  await staff.click('[data-c="reply-send"]');
  await waitForWidgetText(customer, 'staff', reply);
  // Rendered as text, never HTML.
  expect(await customer.$$('[data-sb="messages"] b')).toHaveLength(0);

  // The customer writes again while a human owns the conversation: staff sees it live, no bot answers.
  const botBefore = (await widgetTexts(customer, 'bot')).length;
  const followUp = 'Thanks Ada, my invoice shows a double charge.';
  await customerSays(customer, followUp);
  await staff.waitForFunction(
    (t) => [...document.querySelectorAll('[data-c="transcript"] [data-c="text"]')].some((e) => e.textContent === t),
    followUp,
    { timeout: 30_000 },
  );
  const row2 = await rt.db.query<{ id: string }>(`SELECT id FROM messages WHERE role = 'customer' AND text = $1`, [
    followUp,
  ]);
  const followUpId = row2.rows[0]!.id;
  await expect
    .poll(
      async () =>
        (await rt.db.query('SELECT 1 FROM messages WHERE id = $1 AND processed_at IS NOT NULL', [followUpId])).rowCount,
      { timeout: 30_000 },
    )
    .toBe(1);
  await customer.waitForTimeout(500);
  expect((await widgetTexts(customer, 'bot')).length).toBe(botBefore);
  expect((await rt.db.query('SELECT 1 FROM messages WHERE reply_to = $1', [followUpId])).rowCount).toBe(0);

  await staff.screenshot({ path: path.join(ARTIFACTS, 'console-conversation.png'), fullPage: true });
  await staff.click('[data-c="resolve"]');
  await staff.waitForSelector('[data-c="conversation"][data-status="resolved"]');
  await waitForWidgetText(customer, 'system', NOTICES.resolved);

  // Back to the bots.
  await customerSays(customer, 'How do I reset my password?');
  await customer.waitForFunction(
    (n) => document.querySelectorAll('[data-sb="messages"] [data-sb-role="bot"]').length > (n as number),
    botBefore,
    { timeout: 30_000 },
  );
  const bots = await widgetTexts(customer, 'bot');
  expect(bots.at(-1)!.length).toBeGreaterThan(10);

  await staff.click('[data-c="nav-stats"]');
  await staff.waitForSelector('[data-c="chart-conversations"] svg');
  expect(await staff.$$('[data-c="chart-conversations"] svg rect')).toHaveLength(14);
  expect(await staff.textContent('[data-c="kpi-conversations"] .v')).not.toBe('0');
  expect(await staff.textContent('[data-c="kpi-first-response"] .v')).not.toBe('—');
  await staff.screenshot({ path: path.join(ARTIFACTS, 'console-stats.png'), fullPage: true });
}, 120_000);
