/**
 * Real Chromium, what the customer sees: the header follows waiting -> claimed -> resolved (one
 * status vocabulary with the history API), a message sent while waiting is acknowledged with the
 * expected wait, a long answer is shown from its first line with its sources, the close button and
 * keyboard basics work, and the launcher does not move. Screenshots at 1280×800 and 390×844 in
 * test-artifacts/widget-*.png.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStaffAdd } from '../src/cli/staff.js';
import { launchChromium } from './helpers/chromium.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';

const ARTIFACTS = 'test-artifacts';

let t: TestRuntime;
let browser: Browser;
let staffId: string;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  t = await startTestRuntime({ DATA_DIR: 'memory://' });
  await runStaffAdd({ email: 'sam@example.com', password: 'sam-password-1', name: 'Sam' }, t.runtime.db, () => {});
  const r = await t.runtime.db.query<{ id: string }>(`SELECT id FROM staff_users WHERE email = 'sam@example.com'`);
  staffId = r.rows[0]!.id;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.runtime.stop();
});

async function open(viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(t.url);
  await page.waitForSelector('[data-sb="input"]');
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('switchboard:')));
  return page;
}

async function say(page: Page, text: string) {
  await page.fill('[data-sb="input"]', text);
  await page.click('[data-sb="send"]');
}

const conversationId = (page: Page) =>
  page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('switchboard:'))!;
    return JSON.parse(localStorage.getItem(key)!).conversationId as string;
  });

const headerStatus = (page: Page, status: string) =>
  page.waitForSelector(`[data-sb="status"][data-status="${status}"]`, { timeout: 20_000 });

describe('widget statuses and polish in Chromium', () => {
  it('header: waiting -> claimed -> resolved; a message while waiting is acknowledged with the wait', async () => {
    const page = await open({ width: 1280, height: 800 });
    await say(page, 'I want to talk to a human agent, please.');
    await headerStatus(page, 'waiting_human');
    expect(await page.textContent('[data-sb="status"]')).toBe('Waiting for a support agent');
    const conv = await conversationId(page);
    const history = await t.api('/v1/widget/messages', {
      token: await page.evaluate(() => {
        const key = Object.keys(localStorage).find((k) => k.startsWith('switchboard:'))!;
        return JSON.parse(localStorage.getItem(key)!).token as string;
      }),
    });
    expect(history.body.status).toBe('waiting_human');

    await say(page, 'My order number is 4411, in case that helps.');
    const ack = page.locator('[data-sb-role="system"][data-sb-kind="notice"]', { hasText: 'expected wait' });
    await ack.waitFor({ timeout: 20_000 });
    expect(await ack.textContent()).toMatch(
      /You are (next|number \d+) in the queue; expected wait: (a few|about \d+) minutes/,
    );
    // At most one acknowledgement every few minutes.
    await say(page, 'Also, the invoice was sent twice.');
    await expect
      .poll(
        async () =>
          (
            await t.runtime.db.query(
              `SELECT 1 FROM messages WHERE role = 'customer' AND conversation_id = $1 AND processed_at IS NULL`,
              [conv],
            )
          ).rowCount,
        { timeout: 15_000 },
      )
      .toBe(0);
    expect(await page.locator('[data-sb-kind="notice"]', { hasText: 'expected wait' }).count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/widget-waiting-desktop.png` });

    const esc = await t.runtime.escalations.activeFor(conv);
    await t.runtime.escalations.claim(esc!.id, staffId);
    await headerStatus(page, 'human');
    expect(await page.textContent('[data-sb="status"]')).toBe('Talking to a support agent');
    await t.runtime.escalations.resolve(esc!.id, staffId);
    await headerStatus(page, 'resolved');
    // A reload asks the history API: same status, same words.
    await page.reload();
    await headerStatus(page, 'resolved');
    expect(await page.textContent('[data-sb="status"]')).toContain('Resolved');
    await page.close();
  }, 60_000);

  it('a long answer is shown from its first line, with its sources; close, Escape, focus and a launcher that stays put', async () => {
    const page = await open({ width: 390, height: 844 });
    const launcherBefore = await page.locator('[data-sb="launcher"]').boundingBox();
    await say(page, 'How do I reset my password?');
    await page.locator('[data-sb-role="bot"]').first().waitFor({ timeout: 20_000 });
    const conv = await conversationId(page);
    const long = Array.from({ length: 40 }, (_, i) => `Step ${i + 1}: follow this part of the guide carefully.`).join(
      '\n',
    );
    const posted = await t.runtime.conversations.postReply({
      conversationId: conv,
      role: 'bot',
      text: `FIRST LINE of the long answer.\n${long}`,
      meta: {
        kind: 'answer',
        sources: [{ id: 'kb-reset', title: 'Reset your password', url: 'https://help.example.com/reset' }],
      },
    });
    const item = page.locator(`[data-sb-id="${posted!.messageId}"]`);
    await item.waitFor({ timeout: 20_000 });
    await page.waitForTimeout(200);
    const visible = await page.evaluate((id) => {
      const list = document.querySelector('[data-sb="messages"]')!.getBoundingClientRect();
      const el = document.querySelector(`[data-sb-id="${id}"]`)!.getBoundingClientRect();
      return { top: el.top >= list.top - 1 && el.top < list.bottom, taller: el.height > list.height };
    }, posted!.messageId);
    expect(visible).toEqual({ top: true, taller: true });
    expect(await item.locator('[data-sb="sources"] a[data-sb-source="kb-reset"]').textContent()).toBe(
      'Reset your password',
    );
    expect(await item.locator('[data-sb-rate]').count()).toBe(2);
    await page.screenshot({ path: `${ARTIFACTS}/widget-long-answer-phone.png` });

    // Screen reader and keyboard basics.
    expect(await page.getAttribute('[data-sb="messages"]', 'aria-live')).toBe('polite');
    expect(await page.getAttribute('[data-sb="messages"]', 'role')).toBe('log');
    expect(await page.getAttribute('[data-sb="close"]', 'aria-label')).toBe('Close chat');
    expect(await page.getAttribute('[data-sb="input"]', 'aria-label')).toBe('Message');
    expect(await page.getAttribute('[data-sb="launcher"]', 'aria-expanded')).toBe('true');
    await page.click('[data-sb="close"]');
    expect(await page.isVisible('[data-sb="messages"]')).toBe(false);
    expect(await page.getAttribute('[data-sb="launcher"]', 'aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-sb'))).toBe('launcher');
    expect(await page.locator('[data-sb="launcher"]').boundingBox()).toEqual(launcherBefore);
    await page.keyboard.press('Enter'); // the focused launcher opens the chat again, focus in the input
    await page.waitForSelector('[data-sb="messages"]', { state: 'visible' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-sb'))).toBe('input');
    expect(await page.locator('[data-sb="launcher"]').boundingBox()).toEqual(launcherBefore);
    await page.keyboard.press('Escape');
    expect(await page.isVisible('[data-sb="messages"]')).toBe(false);
    await page.close();

    const desk = await open({ width: 1280, height: 800 });
    await desk.screenshot({ path: `${ARTIFACTS}/widget-desktop.png` });
    await desk.close();
  }, 60_000);
});
