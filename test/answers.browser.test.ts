/**
 * Real Chromium: an operator's own KB imported, a customer asks through the demo page's widget,
 * and the answer shows its source (title linked to the article's url) under the reply; an
 * uncovered question shows no source list and no hand-off.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';

const KB_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/kb-bikeshare');
let t: TestRuntime;
let browser: Browser;

beforeAll(async () => {
  t = await startTestRuntime({ DATA_DIR: 'memory://', BRAND_NAME: 'PedalPoint' });
  await t.runtime.kb.importDir(KB_DIR);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.runtime.stop();
});

describe('answers with sources in the widget', () => {
  it('shows the cited article under the answer, linked, and no sources under an uncertain reply', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(t.url);
    await page.waitForSelector('[data-sb="input"]');
    await page.fill('[data-sb="input"]', 'how do I unlock a bike with the app?');
    await page.click('[data-sb="send"]');
    const answer = page.locator('[data-sb-role="bot"]').first();
    await answer.waitFor({ timeout: 15_000 });
    expect(await answer.getAttribute('data-sb-kind')).toBe('answer');
    const link = answer.locator('[data-sb="sources"] a[data-sb-source="unlock-bike"]');
    expect(await link.textContent()).toBe('Unlock a bike with the app');
    expect(await link.getAttribute('href')).toBe('https://help.pedalpoint.example/unlock');
    expect(await link.getAttribute('rel')).toContain('noopener');
    expect(await answer.locator('[data-sb-rate]').count()).toBe(2);

    await page.fill('[data-sb="input"]', 'can I bring my dog along in a basket?');
    await page.click('[data-sb="send"]');
    const second = page.locator('[data-sb-role="bot"]').nth(1);
    await second.waitFor({ timeout: 15_000 });
    const kind = await second.getAttribute('data-sb-kind');
    expect(['uncertain', 'declined']).toContain(kind);
    expect(((await second.locator('[data-sb="text"]').textContent()) ?? '').toLowerCase()).toMatch(/person|team/);
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/widget-sources.png' });
    await page.close();
  });
});
