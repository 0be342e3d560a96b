/** One repository suite, run against real Postgres and embedded PGlite. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../src/bus/memory-bus.js';
import { createConversationService } from '../src/conversations/service.js';
import type { InboundMessage } from '../src/core/index.js';
import type { ConversationService, JobPayloads } from '../src/core/services.js';
import { createMemoryQueue } from '../src/queue/memory-queue.js';
import { createLogger } from '../src/runtime/logger.js';
import { createPgliteTestDb, createPostgresTestDb, type TestDb } from './helpers/db.js';

function repositorySuite(name: string, makeDb: () => Promise<TestDb>) {
  describe(`conversation repository on ${name}`, () => {
    let testDb: TestDb;
    let service: ConversationService;
    const queued: JobPayloads['turn'][] = [];

    beforeAll(async () => {
      testDb = await makeDb();
      const log = createLogger('silent');
      const queue = createMemoryQueue(log);
      queue.process('turn', async (job) => void queued.push(job), 1);
      queue.process('deliver', async () => {}, 1);
      service = createConversationService({ db: testDb.db, queue, bus: createMemoryBus(), log });
    });
    afterAll(async () => testDb?.drop());

    const inbound = (eventId: string, text = 'hello'): InboundMessage => ({
      channel: 'slack',
      eventId,
      conversationKey: 'C1:111.1',
      customerId: 'U1',
      customerName: 'Ada',
      text,
      attachments: [{ url: 'https://files.example/x.png', contentType: 'image/png' }],
      sentAt: new Date(),
      replyTarget: { channel: 'C1', threadTs: '111.1' },
    });

    it('stores a message once per channel event id and queues one turn', async () => {
      const a = await service.receive(inbound('ev-1'));
      const b = await service.receive(inbound('ev-1'));
      expect(a.stored).toBe(true);
      expect(b.stored).toBe(false);
      expect(b.messageId).toBe(a.messageId);
      await new Promise((r) => setTimeout(r, 20));
      expect(queued.filter((q) => q.messageId === a.messageId)).toHaveLength(1);
    });

    it('stores concurrent duplicates once', async () => {
      const results = await Promise.all([1, 2, 3, 4].map(() => service.receive(inbound('ev-2'))));
      expect(results.filter((r) => r.stored)).toHaveLength(1);
      expect(new Set(results.map((r) => r.messageId)).size).toBe(1);
    });

    it('keeps one conversation per platform key, with attachments and reply target', async () => {
      const c = await service.receive(inbound('ev-3', 'second'));
      const conv = await service.get(c.conversationId);
      expect(conv?.replyTarget).toEqual({ channel: 'C1', threadTs: '111.1' });
      const history = await service.history(c.conversationId);
      expect(history.map((m) => m.text)).toEqual(['hello', 'hello', 'second']);
      expect(history[0]?.attachments).toEqual([{ url: 'https://files.example/x.png', contentType: 'image/png' }]);
    });

    it('writes at most one bot reply per customer message, each with a delivery row', async () => {
      const m = await service.receive(inbound('ev-4'));
      const first = await service.postReply({
        conversationId: m.conversationId,
        role: 'bot',
        text: 'answer',
        replyTo: m.messageId,
      });
      const second = await service.postReply({
        conversationId: m.conversationId,
        role: 'bot',
        text: 'again',
        replyTo: m.messageId,
      });
      expect(first?.deliveryId).toBeTruthy();
      expect(second).toBeNull();
      const staff = await service.postReply({ conversationId: m.conversationId, role: 'staff', text: 'human here' });
      expect(staff?.messageId).toBeTruthy();
      const d = await testDb.db.query<{ n: string }>('SELECT count(*) AS n FROM deliveries');
      expect(Number(d.rows[0]?.n)).toBe(2);
    });

    it('resets bot context when a human hands the conversation back', async () => {
      const m = await service.receive(inbound('ev-5'));
      const before = await service.get(m.conversationId);
      expect(before?.contextSince).toBe('-infinity');
      await service.setStatus(m.conversationId, 'human');
      expect((await service.get(m.conversationId))?.status).toBe('human');
      await service.setStatus(m.conversationId, 'bot');
      const after = await service.get(m.conversationId);
      expect(after?.status).toBe('bot');
      expect(Date.parse(after!.contextSince)).toBeGreaterThan(Date.now() - 60_000);
    });

    it('rejects a reply to an unknown conversation without writing anything', async () => {
      const r = await service.postReply({
        conversationId: '00000000-0000-4000-8000-000000000000',
        role: 'bot',
        text: 'x',
      });
      expect(r).toBeNull();
    });
  });
}

repositorySuite('Postgres', createPostgresTestDb);
repositorySuite('PGlite', createPgliteTestDb);
