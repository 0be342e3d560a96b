/**
 * Per-conversation turn order (issue 11.1) on real Postgres + Redis (BullMQ) with two worker
 * processes: a conversation's turns never overlap, replies come in arrival order, and a burst sent
 * while a (slow) turn runs is answered once.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalAgentSet } from '../agents/local-agent-set.js';
import { createLocalRouter } from '../agents/router/index.js';
import type { AgentSet } from '../src/core/index.js';
import { mergeBurst } from '../src/pipeline/context.js';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';
import { waitFor } from './helpers/wait.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TURN_MS = 700;
const prefix = `order${Date.now()}`;
let testDb: TestDb;
let ingress: TestRuntime;
const workers: TestRuntime[] = [];
/** Turns running right now, per conversation, and the most seen at once. */
const running = new Map<string, number>();
let maxOverlap = 0;
const routedTexts: string[] = [];

/** The offline agents, with a router that takes TURN_MS and counts overlapping turns. */
function slowAgents(): AgentSet {
  const local = createLocalAgentSet({ router: createLocalRouter() });
  return {
    ...local,
    router: {
      async route(ctx) {
        const n = (running.get(ctx.conversationId) ?? 0) + 1;
        running.set(ctx.conversationId, n);
        maxOverlap = Math.max(maxOverlap, n);
        routedTexts.push(ctx.text);
        try {
          await new Promise((r) => setTimeout(r, TURN_MS));
          return await local.router.route(ctx);
        } finally {
          running.set(ctx.conversationId, (running.get(ctx.conversationId) ?? 1) - 1);
        }
      },
    },
  };
}

beforeAll(async () => {
  testDb = await createPostgresTestDb();
  const env = { DATABASE_URL: testDb.url, REDIS_URL };
  ingress = await startTestRuntime(env, { queuePrefix: prefix, start: { http: false, workers: false } });
  for (let i = 0; i < 2; i++) {
    workers.push(
      await startTestRuntime(env, { queuePrefix: prefix, agents: slowAgents(), start: { http: false, workers: true } }),
    );
  }
});

afterAll(async () => {
  await ingress?.runtime.stop();
  for (const w of workers) await w.runtime.stop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await testDb?.drop();
});

describe('mergeBurst', () => {
  const m = (id: string, text: string) => ({ id, text, processedAt: null, createdAt: new Date() });
  it('answers the latest message with the text of the whole burst, oldest first', () => {
    const merged = mergeBurst([m('a', 'hi'), m('b', 'my invoice is wrong')]);
    expect(merged.id).toBe('b');
    expect(merged.text).toBe('hi\nmy invoice is wrong');
  });
  it('keeps only the latest messages that fit', () => {
    const merged = mergeBurst([m('a', 'x'.repeat(30)), m('b', 'y'.repeat(10))], 20);
    expect(merged.text).toBe('y'.repeat(10));
  });
});

describe('turn order across two workers', () => {
  it('a burst during a running turn is answered once, in order, never in parallel', async () => {
    const key = `order-${Date.now()}`;
    const texts = [
      'How do I download my invoices?',
      'Also, what does the Pro plan cost?',
      'And can I pay yearly?',
      'One more: how do I reset my password?',
      'Thanks!',
    ];
    const ids: string[] = [];
    let conv = '';
    for (const [i, text] of texts.entries()) {
      const r = await ingress.runtime.conversations.receive({
        channel: 'widget',
        eventId: `${key}-${i}`,
        conversationKey: key,
        customerId: `w_${key}`,
        text,
        attachments: [],
        sentAt: new Date(),
        replyTarget: {},
      });
      ids.push(r.messageId);
      conv = r.conversationId;
      await new Promise((r) => setTimeout(r, 60));
    }
    await waitFor(
      async () => {
        const r = await testDb.db.query(
          "SELECT 1 FROM messages WHERE conversation_id = $1 AND role = 'customer' AND processed_at IS NULL",
          [conv],
        );
        return r.rowCount === 0;
      },
      { timeoutMs: 15_000, what: 'every message processed' },
    );
    const replies = await testDb.db.query<{ reply_to: string; reply_seq: string; customer_seq: string }>(
      `SELECT b.reply_to, b.seq AS reply_seq, c.seq AS customer_seq FROM messages b
       JOIN messages c ON c.id = b.reply_to WHERE b.conversation_id = $1 AND b.role = 'bot' ORDER BY b.seq`,
      [conv],
    );
    // The first message is answered alone; the four sent while it ran are merged (at most one more turn
    // may start between arrivals on a loaded machine).
    expect(replies.rows.length).toBeGreaterThanOrEqual(2);
    expect(replies.rows.length).toBeLessThanOrEqual(3);
    expect(replies.rows.at(-1)?.reply_to).toBe(ids.at(-1));
    const answered = replies.rows.map((r) => Number(r.customer_seq));
    expect([...answered].sort((a, b) => a - b)).toEqual(answered);
    expect(maxOverlap).toBe(1);
    expect(routedTexts.some((t) => t.includes('Pro plan') && t.includes('Thanks!'))).toBe(true);
  });
});
