import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelCallRecord } from '../src/core/models.js';
import type { Db } from '../src/db/db.js';
import { createDbRecorder } from '../src/models/recorder.js';
import { modelCostStats } from '../src/models/stats.js';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';

let t: TestDb;
let db: Db;

async function conversation(key: string): Promise<string> {
  const c = await db.query<{ id: string }>(
    `INSERT INTO customers (channel, external_id) VALUES ('widget', $1) RETURNING id`,
    [key],
  );
  const v = await db.query<{ id: string }>(
    `INSERT INTO conversations (customer_id, channel, external_key) VALUES ($1, 'widget', $2) RETURNING id`,
    [c.rows[0]!.id, key],
  );
  return v.rows[0]!.id;
}
async function message(conv: string, role: string): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO messages (conversation_id, role, channel, text, meta) VALUES ($1, $2, 'widget', 'x', $3) RETURNING id`,
    [conv, role, role === 'bot' ? { kind: 'answer' } : {}],
  );
  return r.rows[0]!.id;
}
async function escalation(conv: string, status: string): Promise<void> {
  await db.query(
    `INSERT INTO escalations (conversation_id, status, reason, first_response_due_at, resolution_due_at)
     VALUES ($1, $2, 'other', now(), now())`,
    [conv, status],
  );
}
const call = (over: Partial<ModelCallRecord>): ModelCallRecord => ({
  agent: 'router',
  tier: 'fast',
  model: 'fast-a',
  tokensIn: 100,
  tokensOut: 20,
  costUsd: 0.001,
  latencyMs: 12,
  cacheHit: false,
  outcome: 'ok',
  ...over,
});

beforeAll(async () => {
  t = await createPostgresTestDb();
  db = t.db;
});
afterAll(async () => {
  await t.drop();
});

describe('model call recorder and cost stats', () => {
  it('records calls in batches and reports cost per message, per resolved conversation and per tier', async () => {
    const botOnly = await conversation('a'); // resolved by the bot
    const escalatedResolved = await conversation('b'); // resolved by a human
    const escalatedOpen = await conversation('c'); // not resolved
    const m1 = await message(botOnly, 'customer');
    await message(botOnly, 'bot');
    const m2 = await message(escalatedResolved, 'customer');
    await escalation(escalatedResolved, 'resolved');
    const m3 = await message(escalatedOpen, 'customer');
    await message(escalatedOpen, 'customer');
    await escalation(escalatedOpen, 'open');

    const recorder = createDbRecorder(db, { flushMs: 10_000, maxBatch: 3 });
    recorder.record(call({ conversationId: botOnly, messageId: m1 }));
    recorder.record(
      call({ conversationId: escalatedResolved, messageId: m2, agent: 'billing', tier: 'strong', costUsd: 0.01 }),
    );
    recorder.record(call({ conversationId: escalatedOpen, messageId: m3, outcome: 'error', error: '500', costUsd: 0 }));
    recorder.record(call({ conversationId: 'not-a-uuid', costUsd: 0.001 }));
    await recorder.flush();

    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM model_calls');
    expect(rows.rows[0]!.n).toBe(4);

    const s = await modelCostStats(db);
    expect(s.customerMessages).toBe(4);
    expect(s.modelCalls).toBe(4);
    expect(s.failedCalls).toBe(1);
    expect(s.callsPerMessage).toBe(1);
    expect(s.totalCostUsd).toBeCloseTo(0.012, 8);
    expect(s.costPerMessageUsd).toBeCloseTo(0.003, 8);
    expect(s.resolvedConversations).toBe(2);
    expect(s.costPerResolvedConversationUsd).toBeCloseTo(0.006, 8);
    expect(s.tierShare).toEqual({ fast: 0.75, strong: 0.25 });
    expect(s.byAgent.find((a) => a.agent === 'billing')).toEqual({ agent: 'billing', calls: 1, costUsd: 0.01 });

    const later = await modelCostStats(db, { since: new Date(Date.now() + 60_000) });
    expect(later).toMatchObject({
      customerMessages: 0,
      modelCalls: 0,
      callsPerMessage: 0,
      costPerResolvedConversationUsd: null,
    });
  });

  it('logs insert errors instead of throwing', async () => {
    const errors: unknown[] = [];
    const broken = { query: async () => Promise.reject(new Error('db down')) };
    const recorder = createDbRecorder(broken, { onError: (e) => errors.push(e) });
    expect(() => recorder.record(call({}))).not.toThrow();
    await recorder.close();
    expect(errors).toHaveLength(1);
  });
});
