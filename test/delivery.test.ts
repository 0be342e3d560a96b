/** The delivery worker against the outbox on PGlite, with a scripted channel (the outside world). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../src/bus/memory-bus.js';
import { createConversationService } from '../src/conversations/service.js';
import {
  type ChannelAdapter,
  type OutboundMessage,
  rateLimited,
  SwitchboardError,
  withSentProgress,
} from '../src/core/index.js';
import type { ConversationService, JobPayloads } from '../src/core/services.js';
import { createDeliveryProcessor } from '../src/pipeline/delivery.js';
import { createMemoryQueue } from '../src/queue/memory-queue.js';
import { createLogger } from '../src/runtime/logger.js';
import { createPgliteTestDb, type TestDb } from './helpers/db.js';

const log = createLogger('silent');
let testDb: TestDb;
let conversations: ConversationService;
let conversationId: string;
const seen: OutboundMessage[] = [];
let script: (msg: OutboundMessage) => Promise<string[]> = async () => ['x'];
const queued: JobPayloads['deliver'][] = [];

const channel: ChannelAdapter = {
  channel: 'slack',
  limits: { maxMessageChars: 3000, supportsMarkdown: true },
  async start() {},
  async stop() {},
  async send(msg) {
    seen.push(msg);
    return { platformMessageIds: await script(msg) };
  },
};

beforeAll(async () => {
  testDb = await createPgliteTestDb();
  const queue = createMemoryQueue(log);
  queue.process('deliver', async (job) => void queued.push(job), 1);
  queue.process('turn', async () => {}, 1);
  conversations = createConversationService({ db: testDb.db, queue, bus: createMemoryBus(), log });
  ({ conversationId } = await conversations.open({
    channel: 'slack',
    customerExternalId: 'U1',
    conversationKey: 'C1:1.1',
  }));
});
afterAll(async () => testDb?.drop());

async function newDelivery() {
  const r = await conversations.postReply({ conversationId, role: 'staff', text: 'hello' }, { dispatch: false });
  return r!.deliveryId;
}
const row = async (id: string) =>
  (
    await testDb.db.query<{ status: string; attempts: number; platform_message_ids: string[] }>(
      'SELECT * FROM deliveries WHERE id = $1',
      [id],
    )
  ).rows[0]!;

describe('delivery worker', () => {
  const deliver = () =>
    createDeliveryProcessor({
      db: testDb.db,
      queue: createMemoryQueue(log),
      log,
      adapters: new Map([['slack', channel]]),
    });

  it('sends once and stores the platform ids; a second run is a no-op', async () => {
    const id = await newDelivery();
    script = async () => ['C1:100.1'];
    expect(await deliver()({ deliveryId: id })).toBe('sent');
    expect(await deliver()({ deliveryId: id })).toBe('skipped');
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1, platform_message_ids: ['C1:100.1'] });
  });

  it('a rate limit mid-way keeps posted chunks on the row; the retry gets them as alreadySent', async () => {
    const id = await newDelivery();
    script = async () => {
      throw withSentProgress(rateLimited('slow down', 1), ['C1:200.1']);
    };
    expect(await deliver()({ deliveryId: id })).toBe('retry');
    expect(await row(id)).toMatchObject({ status: 'pending', platform_message_ids: ['C1:200.1'] });
    await new Promise((r) => setTimeout(r, 20));
    script = async (msg) => [...(msg.alreadySent ?? []), 'C1:200.2'];
    expect(await deliver()({ deliveryId: id })).toBe('sent');
    expect(seen.at(-1)?.alreadySent).toEqual(['C1:200.1']);
    expect(await row(id)).toMatchObject({
      status: 'sent',
      attempts: 2,
      platform_message_ids: ['C1:200.1', 'C1:200.2'],
    });
  });

  it('a permanent platform error marks the delivery failed', async () => {
    const id = await newDelivery();
    script = async () => {
      throw new SwitchboardError('channel_not_found', 'no such channel', { status: 404 });
    };
    expect(await deliver()({ deliveryId: id })).toBe('failed');
    expect((await row(id)).status).toBe('failed');
  });

  it('a delivery for a channel this process does not run is retried with a clear error', async () => {
    const id = await newDelivery();
    const none = createDeliveryProcessor({ db: testDb.db, queue: createMemoryQueue(log), log, adapters: new Map() });
    expect(await none({ deliveryId: id })).toBe('retry');
    const r = await testDb.db.query<{ last_error: string }>('SELECT last_error FROM deliveries WHERE id = $1', [id]);
    expect(r.rows[0]?.last_error).toContain('no adapter for channel slack');
  });
});
