/**
 * Real Chromium on the real runtime: with no staff account, /console offers to create the first
 * admin (from this machine only, or with the setup token); then the conversation view reads at a
 * glance, and an AI draft requested just before a live re-render lands in the reply box on screen.
 * Screenshots: test-artifacts/console-setup.png, test-artifacts/console-conversation-glance.png.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runStaffAdd } from '../src/cli/staff.js';
import { launchChromium } from './helpers/chromium.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';

const ARTIFACTS = 'test-artifacts';
let t: TestRuntime;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  t = await startTestRuntime({ DATA_DIR: 'memory://' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.runtime.stop();
});

/** A customer hands off through the real pipeline; returns the escalation id. */
async function handOff(key: string, text: string): Promise<string> {
  const { conversationId } = await t.runtime.conversations.open({
    channel: 'widget',
    customerExternalId: `cust-${key}`,
    customerName: 'Maria Lopez',
    conversationKey: key,
  });
  await t.runtime.conversations.receive({
    channel: 'widget',
    eventId: `evt-${key}`,
    conversationKey: key,
    customerId: `cust-${key}`,
    customerName: 'Maria Lopez',
    text,
    attachments: [],
    sentAt: new Date(),
    replyTarget: {},
  });
  await expect
    .poll(async () => (await t.runtime.escalations.activeFor(conversationId))?.id, { timeout: 20_000 })
    .toBeTruthy();
  return (await t.runtime.escalations.activeFor(conversationId))!.id;
}

async function createFirstAdmin(page: Page) {
  await page.goto(`${t.url}/console/`);
  await page.waitForSelector('[data-c="setup"]');
  expect(await page.isVisible('[data-c="topbar"]')).toBe(false);
  expect(await page.$('[data-c="setup"] input[name="setupToken"]')).toBeNull(); // this machine: no token needed
  await page.screenshot({ path: `${ARTIFACTS}/console-setup.png` });
  await page.fill('[data-c="setup"] input[name="name"]', 'Ada Admin');
  await page.fill('[data-c="setup"] input[name="email"]', 'ada@example.com');
  await page.fill('[data-c="setup"] input[name="password"]', 'ada-password-1');
  await page.click('[data-c="setup-submit"]');
  await page.waitForSelector('[data-c="topbar"]:not([hidden])');
  await page.waitForSelector('[data-c="support-hours"]');
}

it('first admin from the console, then nobody else can use setup; favicon served', async () => {
  expect((await fetch(`${t.url}/favicon.ico`)).status).toBe(200);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await createFirstAdmin(page);
  const admins = await t.runtime.db.query<{ role: string }>('SELECT role FROM staff_users');
  expect(admins.rows).toEqual([{ role: 'admin' }]);
  // Setup is closed once an account exists; a relayed (non-local) request without the token is refused.
  const again = await t.api('/v1/staff/setup', { body: { email: 'eve@example.com', password: 'eve-password-1' } });
  expect(again.status).toBe(409);
  const relayed = await t.api('/v1/staff/setup', {
    body: { email: 'eve@example.com', password: 'eve-password-1' },
    headers: { 'x-forwarded-for': '203.0.113.9' },
  });
  expect(relayed.body.error.code).toBe('setup_forbidden');
  expect((await t.api('/v1/staff/setup')).body.needed).toBe(false);
  // A fresh browser now gets the login form, without the top bar.
  const other = await browser.newPage();
  await other.goto(`${t.url}/console/`);
  await other.waitForSelector('[data-c="login"]');
  expect(await other.isVisible('[data-c="topbar"]')).toBe(false);
  await other.close();
  await page.close();
}, 40_000);

it('the AI draft lands in the reply box on screen even when a live update re-renders the view meanwhile', async () => {
  // Runs alone too (vitest -t): the first test may not have created the admin.
  const exists = await t.runtime.db.query(`SELECT 1 FROM staff_users WHERE email = 'ada@example.com'`);
  if (!exists.rowCount)
    await runStaffAdd(
      { email: 'ada@example.com', password: 'ada-password-1', name: 'Ada Admin', role: 'admin' },
      t.runtime.db,
      () => {},
    );
  const id = await handOff(
    `draft-${Date.now()}`,
    'I want to close my account, can I talk to a person? My invoice is wrong too.',
  );
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${t.url}/console/`);
  await page.fill('[data-c="login"] input[name="email"]', 'ada@example.com');
  await page.fill('[data-c="login"] input[name="password"]', 'ada-password-1');
  await page.click('[data-c="login-submit"]');
  await page.waitForSelector('[data-c="live"].on');
  await page.goto(`${t.url}/console/#/e/${id}`);
  await page.waitForSelector('[data-c="conversation"][data-status="open"]');
  await page.click('[data-c="claim"]');
  await page.waitForSelector('[data-c="conversation"][data-status="claimed"] [data-c="draft"]:not([disabled])');

  // Hold the draft response until a live update has replaced the reply box.
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  await page.route('**/v1/staff/escalations/*/draft', async (route) => {
    await gate;
    await route.continue();
  });
  await page.evaluate(() => {
    (document.querySelector('[data-c="reply-text"]') as HTMLElement & { old?: boolean }).old = true;
  });
  await page.click('[data-c="draft"]');
  const conv = (await t.runtime.escalations.get(id))!.conversationId;
  await t.runtime.conversations.receive({
    channel: 'widget',
    eventId: `evt-live-${id}`,
    conversationKey: (await t.runtime.conversations.get(conv))!.externalKey,
    customerId: 'x',
    text: 'Are you still there?',
    attachments: [],
    sentAt: new Date(),
    replyTarget: {},
  });
  await page.waitForFunction(
    () => !(document.querySelector('[data-c="reply-text"]') as (HTMLElement & { old?: boolean }) | null)?.old,
    undefined,
    { timeout: 20_000 },
  );
  release();
  await page.waitForFunction(
    () => ((document.querySelector('[data-c="reply-text"]') as HTMLTextAreaElement | null)?.value ?? '').length > 10,
    undefined,
    { timeout: 20_000 },
  );
  const draft = await t.api(`/v1/staff/escalations/${id}/draft`, {
    token: await page.evaluate(() => JSON.parse(sessionStorage.getItem('sb-staff')!).token as string),
  });
  expect(await page.inputValue('[data-c="reply-text"]')).toBe(draft.body.draft.text);

  // At a glance: customer name and channel first, reason and mood in words, ids tucked away.
  const header = await page.textContent('[data-c="conversation"] h2');
  expect(header).toContain('Maria Lopez');
  expect(header).toContain('Website chat');
  expect(header).toContain('With a person');
  const packet = (await page.textContent('[data-c="packet"]')) ?? '';
  expect(packet).toMatch(/What they want\s*Wants to close their account/);
  expect(packet).not.toMatch(/customer_request|lastMessage|[0-9a-f]{8}-[0-9a-f]{4}-/);
  expect(await page.isVisible('[data-c="ids"] dl')).toBe(false);
  expect(await page.textContent('[data-c="transcript"] [data-c="routing"]')).toMatch(
    /^Sent to [A-Z][\w -]+, \d+% sure/,
  );
  await page.screenshot({ path: `${ARTIFACTS}/console-conversation-glance.png`, fullPage: true });
  await page.close();
}, 50_000);
