/**
 * Production mode on real Postgres + Redis (BullMQ): an ingress-only process and a worker-only
 * process share the database and queue; replies reach the widget through the Redis event bus;
 * a turn processed twice never produces a second reply.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';
import { waitFor } from './helpers/wait.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let testDb: TestDb;
let ingress: TestRuntime;
let worker: TestRuntime;
const prefix = `scale${Date.now()}`;

beforeAll(async () => {
  testDb = await createPostgresTestDb();
  const env = { DATABASE_URL: testDb.url, REDIS_URL };
  ingress = await startTestRuntime(env, { queuePrefix: prefix, start: { http: true, workers: false } });
  worker = await startTestRuntime(env, { queuePrefix: prefix, start: { http: false, workers: true } });
});

afterAll(async () => {
  await ingress?.runtime.stop();
  await worker?.runtime.stop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await testDb?.drop();
});

const replies = async (conversationId: string) =>
  (
    await testDb.db.query<{ id: string; reply_to: string }>(
      "SELECT id, reply_to FROM messages WHERE conversation_id = $1 AND role = 'bot'",
      [conversationId],
    )
  ).rows;

describe('ingress + worker processes on Postgres and BullMQ', () => {
  it('uses BullMQ and Postgres', async () => {
    const h = await ingress.api('/healthz');
    expect(h.body.queue.kind).toBe('bullmq');
    expect(h.body.db.kind).toBe('postgres');
  });

  it('a worker process answers what the ingress process accepted, and the ingress streams it', async () => {
    const s = await ingress.api('/v1/widget/sessions', { body: {} });
    const events: string[] = [];
    const controller = new AbortController();
    const stream = await fetch(`${ingress.url}/v1/widget/events`, {
      headers: { authorization: `Bearer ${s.body.token}` },
      signal: controller.signal,
    });
    const reader = stream.body!.getReader();
    const pump = (async () => {
      const dec = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        events.push(dec.decode(value));
      }
    })();
    await ingress.api('/v1/widget/messages', { token: s.body.token, body: { text: 'How do I download my invoices?' } });
    await waitFor(() => events.join('').includes('event: message'), { what: 'SSE message event', timeoutMs: 15_000 });
    controller.abort();
    await pump;
    const text = events.join('');
    expect(text).toContain('"role":"bot"');
    expect(text).toContain('event: typing');
  });

  it('processing the same turn twice produces one reply', async () => {
    const s = await ingress.api('/v1/widget/sessions', { body: {} });
    const sent = await ingress.api('/v1/widget/messages', {
      token: s.body.token,
      body: { text: 'Can I get a refund?' },
    });
    const job = { messageId: sent.body.messageId, conversationId: s.body.conversationId };
    await Promise.all([
      worker.runtime.queue.add('turn', job, { jobId: `${job.messageId}-again-1` }),
      worker.runtime.queue.add('turn', job, { jobId: `${job.messageId}-again-2` }),
    ]);
    await waitFor(async () => (await replies(s.body.conversationId)).length > 0, { timeoutMs: 15_000 });
    await waitFor(async () => (await worker.runtime.queue.depth()) === 0, { timeoutMs: 15_000 });
    expect(await replies(s.body.conversationId)).toHaveLength(1);
  });

  it('many conversations at once: every message gets exactly one reply', async () => {
    const sessions = await Promise.all(
      Array.from({ length: 10 }, () => ingress.api('/v1/widget/sessions', { body: {} })),
    );
    await Promise.all(
      sessions.map((s, i) =>
        ingress.api('/v1/widget/messages', {
          token: s.body.token,
          body: { text: i % 2 ? 'My app shows an error when I log in' : 'What does the Pro plan cost?' },
        }),
      ),
    );
    for (const s of sessions) {
      await waitFor(async () => (await replies(s.body.conversationId)).length === 1, {
        timeoutMs: 20_000,
        what: 'reply',
      });
    }
    const total = await testDb.db.query<{ n: string }>("SELECT count(*) AS n FROM deliveries WHERE status = 'sent'");
    expect(Number(total.rows[0]?.n)).toBeGreaterThanOrEqual(10);
  });
});
