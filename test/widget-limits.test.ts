/**
 * Widget abuse limits and the daily model budget (issue 10) on a real runtime with Postgres +
 * Redis, over real HTTP: sessions per IP (a forged X-Forwarded-For does not help while
 * TRUST_PROXY is off), messages per session, open event streams per conversation, the
 * per-customer token budget shared through Redis, 429 + Retry-After, nothing stored half-way,
 * and `WIDGET_RATE_LIMITS=off`.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../src/core/services.js';
import { createCustomerKeyLookup } from '../src/limits/customer-store.js';
import { createLimiterStore } from '../src/limits/limiter-store.js';
import { createModelBudget } from '../src/limits/model-budget.js';
import { createStaffUser } from '../src/staff/auth.js';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `lim${randomBytes(4).toString('hex')}`;
const lines: { level: string; msg: string; data?: Record<string, unknown> }[] = [];
const log: Logger = {
  debug: () => {},
  info: (msg, data) => lines.push({ level: 'info', msg, data }),
  warn: (msg, data) => lines.push({ level: 'warn', msg, data }),
  error: (msg, data) => lines.push({ level: 'error', msg, data }),
};

let testDb: TestDb;
let t: TestRuntime;
/** A second session of the limited client (the budget test uses it). */
let spare: { token: string; conversationId: string };

const count = async (sql: string, params: unknown[] = []) =>
  Number((await testDb.db.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0);

async function raw(
  path: string,
  init: { method?: string; token?: string; headers?: Record<string, string>; body?: unknown },
) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(t.url + path, {
    method: init.method ?? 'POST',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, headers: res.headers, body: await res.json().catch(() => null) };
}

beforeAll(async () => {
  testDb = await createPostgresTestDb();
  t = await startTestRuntime(
    {
      DATABASE_URL: testDb.url,
      REDIS_URL,
      WIDGET_SESSIONS_PER_IP_PER_HOUR: '4',
      WIDGET_MESSAGES_PER_SESSION_PER_MINUTE: '3',
      WIDGET_MESSAGES_PER_IP_PER_MINUTE: '100',
      WIDGET_STREAMS_PER_CONVERSATION: '2',
      MODEL_TOKENS_PER_CUSTOMER_PER_DAY: '1000',
    },
    { queuePrefix: prefix, log },
  );
});

afterAll(async () => {
  await t?.runtime.stop();
  await testDb?.drop();
});

describe('widget abuse limits', () => {
  let token: string;
  let conversationId: string;

  it('limits sessions per client IP; forged X-Forwarded-For addresses do not help (TRUST_PROXY off)', async () => {
    const results = [];
    for (let i = 0; i < 6; i++)
      results.push(await raw('/v1/widget/sessions', { body: {}, headers: { 'x-forwarded-for': `203.0.113.${i}` } }));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 429, 429]);
    const refused = results[4]!;
    expect(refused.body.error.code).toBe('rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await count('SELECT count(*) AS n FROM widget_sessions')).toBe(4);
    token = results[0]!.body.token;
    spare = results[1]!.body;
    conversationId = results[0]!.body.conversationId;
  });

  it('limits messages per session: the 4th in a minute gets 429 + Retry-After and is not stored', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        await raw('/v1/widget/messages', { token, body: { text: `What payment methods do you accept? (${i})` } }),
      );
    expect(statuses.map((s) => s.status)).toEqual([202, 202, 202, 429]);
    expect(statuses[3]!.body.error).toMatchObject({ code: 'rate_limited' });
    expect(Number(statuses[3]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(
      await count("SELECT count(*) AS n FROM messages WHERE conversation_id = $1 AND role = 'customer'", [
        conversationId,
      ]),
    ).toBe(3);
  });

  it('limits open event streams per conversation and frees a slot when one closes', async () => {
    const open = async () => {
      const controller = new AbortController();
      const res = await fetch(`${t.url}/v1/widget/events`, {
        headers: { authorization: `Bearer ${token}` },
        signal: controller.signal,
      });
      return { status: res.status, close: () => controller.abort(), res };
    };
    const a = await open();
    const b = await open();
    const c = await open();
    expect([a.status, b.status, c.status]).toEqual([200, 200, 429]);
    expect(c.res.headers.get('retry-after')).toBeTruthy();
    a.close();
    await new Promise((r) => setTimeout(r, 300));
    const d = await open();
    expect(d.status).toBe(200);
    b.close();
    d.close();
  });
});

describe('daily model budget', () => {
  it('refuses a customer over budget with 429 budget_exceeded, stores nothing, alerts staff in the log', async () => {
    // Another process (here: a second budget on the same Redis prefix) recorded 1,200 tokens.
    const store = createLimiterStore({ redisUrl: REDIS_URL, prefix });
    const other = createModelBudget({
      config: { MODEL_TOKENS_PER_CUSTOMER_PER_DAY: 1000, MODEL_TOKENS_PER_DAY: 2_000_000 },
      store,
      customerOf: createCustomerKeyLookup(testDb.db),
      log,
    });
    const s = { body: spare };
    await other.spend(s.body.conversationId, 1200);
    await store.close();
    const text = 'secret customer words about my invoice';
    const res = await raw('/v1/widget/messages', { token: s.body.token, body: { text } });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('budget_exceeded');
    expect(res.body.error.message).toMatch(/today's limit/);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await count('SELECT count(*) AS n FROM messages WHERE conversation_id = $1', [s.body.conversationId])).toBe(
      0,
    );
    const alert = lines.find((l) => l.msg === 'customer reached the daily model budget');
    expect(alert?.level).toBe('warn');
    expect(JSON.stringify(lines)).not.toContain(text);
    expect(await t.runtime.metrics.render()).toMatch(/model_budget_refusals_total\{scope="customer"\} 1/);
  });

  it('the gateway check refuses paid calls for a conversation over budget', async () => {
    const budget = createModelBudget({
      config: { MODEL_TOKENS_PER_CUSTOMER_PER_DAY: 100, MODEL_TOKENS_PER_DAY: 150 },
      store: createLimiterStore(),
      customerOf: async (id) => `widget:${id}`,
      log,
    });
    await budget.assertConversation('a');
    await budget.spend('a', 120);
    await expect(budget.assertConversation('a')).rejects.toMatchObject({ code: 'budget_exceeded', status: 429 });
    await budget.assertConversation('b');
    await budget.spend('b', 40);
    await expect(budget.assertConversation('b')).rejects.toMatchObject({ code: 'budget_exceeded' });
    expect(lines.some((l) => l.level === 'error' && l.msg.startsWith('daily model budget reached'))).toBe(true);
    expect((await budget.describe()).usedToday).toBe(160);
  });
});

describe('staff stats', () => {
  it("show the configured limits and today's model token use", async () => {
    await createStaffUser(t.runtime.db, { email: 'lim@example.com', password: 'lim-password-1', role: 'admin' });
    const login = await t.api('/v1/staff/login', { body: { email: 'lim@example.com', password: 'lim-password-1' } });
    const stats = await t.api('/v1/staff/stats', { token: login.body.token });
    expect(stats.status).toBe(200);
    expect(stats.body.limits.widget).toMatchObject({
      enabled: true,
      store: 'redis',
      sessionsPerIpPerHour: 4,
      messagesPerSessionPerMinute: 3,
      streamsPerConversation: 2,
    });
    expect(stats.body.limits.modelBudget).toMatchObject({ tokensPerCustomerPerDay: 1000, tokensPerDay: 2_000_000 });
    expect(stats.body.limits.modelBudget.usedToday).toBeGreaterThanOrEqual(1200);
  });
});

describe('WIDGET_RATE_LIMITS=off', () => {
  it('creates sessions and messages without limits', async () => {
    const off = await startTestRuntime({
      DATABASE_URL: testDb.url,
      WIDGET_RATE_LIMITS: 'off',
      WIDGET_SESSIONS_PER_IP_PER_HOUR: '1',
    });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await off.api('/v1/widget/sessions', { body: {} })).status);
      expect(statuses).toEqual([201, 201, 201, 201, 201]);
    } finally {
      await off.runtime.stop();
    }
  });
});
