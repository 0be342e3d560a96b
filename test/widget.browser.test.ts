/** Real Chromium: the demo page's widget sends a message and shows the reviewed reply. */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';

let t: TestRuntime;
let browser: Browser;

beforeAll(async () => {
  t = await startTestRuntime({ DATA_DIR: 'memory://' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.runtime.stop();
});

describe('widget in a real browser', () => {
  it('embedded PGlite runtime serves the demo page with the widget', async () => {
    expect(t.runtime.db.kind).toBe('pglite');
  });

  it('sends a message and shows the reviewed reply, rendering text as text', async () => {
    const page = await browser.newPage();
    await page.goto(t.url);
    await page.waitForSelector('[data-sb="input"]');
    await page.fill('[data-sb="input"]', 'How do I reset my password? <b>bold?</b>');
    await page.click('[data-sb="send"]');
    const customer = page.locator('[data-sb-role="customer"]').first();
    await customer.waitFor();
    expect(await customer.textContent()).toContain('<b>bold?</b>');
    expect(await page.locator('[data-sb="messages"] b').count()).toBe(0);
    const bot = page.locator('[data-sb-role="bot"]').first();
    await bot.waitFor({ timeout: 15_000 });
    const text = (await bot.locator('[data-sb="text"]').textContent()) ?? '';
    await page.waitForFunction(() => document.querySelector('[data-sb="typing"]')?.textContent === '');
    expect(text.toLowerCase()).toContain('password');
    const id = await bot.getAttribute('data-sb-id');
    const row = await t.runtime.db.query<{ qa: { action: string } }>('SELECT qa FROM messages WHERE id = $1', [id]);
    expect(['approve', 'revise']).toContain(row.rows[0]?.qa.action);
    await bot.locator('[data-sb-rate="up"]').click();
    await page.waitForSelector('[data-sb-rate="up"][aria-pressed="true"]');
    const fb = await t.runtime.db.query<{ rating: number }>('SELECT rating FROM feedback WHERE message_id = $1', [id]);
    expect(fb.rows.map((r) => Number(r.rating))).toEqual([1]);
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/widget-demo.png' });
    await page.close();
  });
});
