/** Failures inside a turn never mean silence or a crash loop. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalAgentSet } from '../agents/local-agent-set.js';
import { createLocalRouter } from '../agents/router/index.js';
import type { AgentSet } from '../src/core/index.js';
import { MAX_TURN_SWEEPS, sweepOnce } from '../src/pipeline/sweeper.js';
import { createMemoryQueue } from '../src/queue/memory-queue.js';
import { createLogger } from '../src/runtime/logger.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';
import { waitFor } from './helpers/wait.js';

let t: TestRuntime;
let qaCalls = 0;

beforeAll(async () => {
  const local = createLocalAgentSet({ router: createLocalRouter() });
  const brokenQa: AgentSet = {
    ...local,
    qa: {
      async review() {
        qaCalls++;
        throw new Error('QA rule crashed');
      },
    },
  };
  t = await startTestRuntime({ DATA_DIR: 'memory://' }, { agents: brokenQa });
});
afterAll(async () => t?.runtime.stop());

describe('turn failures', () => {
  it('a crashing agent gives the customer an honest message and a human, once', async () => {
    const s = await t.api('/v1/widget/sessions', { body: {} });
    const sent = await t.api('/v1/widget/messages', {
      token: s.body.token,
      body: { text: 'How do I export my data?' },
    });
    const reply = await waitFor(async () => {
      const r = await t.api('/v1/widget/messages', { token: s.body.token });
      return r.body.messages.find((m: { role: string }) => m.role === 'bot');
    });
    expect(reply.text).toMatch(/person|support team/i);
    const esc = await waitFor(async () => {
      const r = await t.runtime.db.query<{ reason: string }>(
        'SELECT reason FROM escalations WHERE conversation_id = $1',
        [s.body.conversationId],
      );
      return r.rows[0];
    });
    expect(esc.reason).toBe('model_failure');
    const msg = await t.runtime.db.query<{ processed_at: Date | null }>(
      'SELECT processed_at FROM messages WHERE id = $1',
      [sent.body.messageId],
    );
    expect(msg.rows[0]?.processed_at).not.toBeNull();
    expect(qaCalls).toBe(1);
  });

  it('a turn that never finishes is re-queued a bounded number of times, then marked failed', async () => {
    const { db } = t.runtime;
    const conv = await t.runtime.conversations.open({
      channel: 'widget',
      customerExternalId: 'w_stuck',
      conversationKey: 'stuck',
    });
    const ins = await db.query<{ id: string }>(
      `INSERT INTO messages (conversation_id, role, channel, text, created_at)
       VALUES ($1, 'customer', 'widget', 'stuck', now() - interval '1 hour') RETURNING id`,
      [conv.conversationId],
    );
    const id = ins.rows[0]!.id;
    const log = createLogger('silent');
    const requeued: string[] = [];
    const queue = createMemoryQueue(log);
    queue.process('turn', async (job) => void requeued.push(job.messageId), 1); // a worker that never finishes it
    queue.process('deliver', async () => {}, 1);
    for (let i = 0; i <= MAX_TURN_SWEEPS; i++) await sweepOnce(db, queue, log, { olderThanMs: 1000 });
    await new Promise((r) => setTimeout(r, 20));
    expect(requeued.filter((m) => m === id)).toHaveLength(MAX_TURN_SWEEPS);
    const row = await db.query<{ processed_at: Date | null; meta: { turnFailed?: boolean } }>(
      'SELECT processed_at, meta FROM messages WHERE id = $1',
      [id],
    );
    expect(row.rows[0]?.processed_at).not.toBeNull();
    expect(row.rows[0]?.meta.turnFailed).toBe(true);
  });
});
