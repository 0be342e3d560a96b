/**
 * Recovery in seconds (issue 11.2) on real Postgres + Redis with two worker processes: turns whose
 * jobs are gone (Redis lost them) are re-queued within 10 s by exactly one sweeper; a delivery left
 * `sending` by a dead sender is sent within 15 s, once.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';
import { waitFor } from './helpers/wait.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `recover${Date.now()}`;
let testDb: TestDb;
const workers: TestRuntime[] = [];

beforeAll(async () => {
  testDb = await createPostgresTestDb();
  const env = { DATABASE_URL: testDb.url, REDIS_URL };
  for (let i = 0; i < 2; i++) {
    workers.push(await startTestRuntime(env, { queuePrefix: prefix, start: { http: false, workers: true } }));
  }
  // Warm-up: the first turn of a process loads the knowledge-base encoder.
  const first = await workers[0]!.runtime.conversations.receive({
    channel: 'widget',
    eventId: 'warm',
    conversationKey: 'warm',
    customerId: 'w_warm',
    text: 'hello',
    attachments: [],
    sentAt: new Date(),
    replyTarget: {},
  });
  await waitFor(
    async () => (await testDb.db.query('SELECT 1 FROM messages WHERE reply_to = $1', [first.messageId])).rowCount,
    { timeoutMs: 30_000, what: 'warm-up reply' },
  );
});

afterAll(async () => {
  for (const w of workers) await w.runtime.stop({ graceMs: 1000 });
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await testDb?.drop();
});

describe('recovery', () => {
  it('turns whose jobs are gone are answered within 10 s, each re-queued once', async () => {
    const { conversations } = workers[0]!.runtime;
    const convIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const c = await conversations.open({
        channel: 'widget',
        customerExternalId: `w_r${i}`,
        conversationKey: `r${i}`,
      });
      convIds.push(c.conversationId);
    }
    // Stored but never queued: what a Redis restart without persistence leaves behind.
    const t0 = Date.now();
    await testDb.db.query(
      `INSERT INTO messages (conversation_id, role, channel, text)
       SELECT unnest($1::uuid[]), 'customer', 'widget', 'How do I download my invoices?'`,
      [convIds],
    );
    await waitFor(
      async () =>
        (
          await testDb.db.query(
            "SELECT 1 FROM messages WHERE role = 'customer' AND meta->>'sweeps' IS NULL AND conversation_id = ANY($1::uuid[])",
            [convIds],
          )
        ).rowCount === 0,
      { timeoutMs: 10_000, what: 'lost turns re-queued' },
    );
    const requeuedMs = Date.now() - t0;
    await waitFor(
      async () =>
        (
          await testDb.db.query(
            "SELECT 1 FROM messages WHERE role = 'customer' AND processed_at IS NULL AND conversation_id = ANY($1::uuid[])",
            [convIds],
          )
        ).rowCount === 0,
      { timeoutMs: 20_000, what: 'lost turns answered' },
    );
    const answeredMs = Date.now() - t0;
    console.info(`recovery: 20 lost turns re-queued after ${requeuedMs} ms, all answered after ${answeredMs} ms`);
    const rows = await testDb.db.query<{ sweeps: number; replies: string }>(
      `SELECT (m.meta->>'sweeps')::int AS sweeps,
              (SELECT count(*) FROM messages b WHERE b.reply_to = m.id AND b.role = 'bot') AS replies
       FROM messages m WHERE m.role = 'customer' AND m.conversation_id = ANY($1::uuid[])`,
      [convIds],
    );
    expect(rows.rows.every((r) => r.sweeps === 1 && Number(r.replies) === 1)).toBe(true);
    expect(requeuedMs).toBeLessThan(10_000);
  });

  it('a delivery stuck in sending (its sender died) is sent within 15 s, once', async () => {
    const { conversations } = workers[0]!.runtime;
    const c = await conversations.open({ channel: 'widget', customerExternalId: 'w_stuck', conversationKey: 'stuck' });
    const written = await conversations.postReply(
      { conversationId: c.conversationId, role: 'system', text: 'A notice' },
      { dispatch: false },
    );
    // Claimed by a sender that was killed: 'sending', lease (next_attempt_at) just run out.
    const t0 = Date.now();
    await testDb.db.query(
      "UPDATE deliveries SET status = 'sending', attempts = 1, next_attempt_at = now() - interval '1 second' WHERE id = $1",
      [written!.deliveryId],
    );
    const sent = await waitFor(
      async () =>
        (
          await testDb.db.query<{ status: string; attempts: number }>(
            "SELECT status, attempts FROM deliveries WHERE id = $1 AND status = 'sent'",
            [written!.deliveryId],
          )
        ).rows[0],
      { timeoutMs: 15_000, what: 'stuck delivery sent' },
    );
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(sent.attempts).toBe(2);
  });
});
