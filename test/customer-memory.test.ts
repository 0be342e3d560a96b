/**
 * Customer memory across conversations (issue 14.4), real Postgres through the real pipeline: a
 * customer's second conversation opening with "same problem as last week" is answered from the
 * article of the first conversation (another customer writing the same gets no such answer, and
 * the answer cache never serves it); when the customer is handed to staff, the handoff packet and
 * the console's escalation view show what is remembered; forgetting the customer empties it.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runStaffAdd } from '../src/cli/staff.js';
import type { PublicMessage } from '../src/core/services.js';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';
import { waitFor } from './helpers/wait.js';

const KB_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/kb-bikeshare');
let t: TestRuntime;
let testDb: TestDb;
let staffToken: string;
const replies = new Map<string, PublicMessage[]>();

beforeAll(async () => {
  testDb = await createPostgresTestDb();
  t = await startTestRuntime({ DATABASE_URL: testDb.url, BRAND_NAME: 'PedalPoint' });
  await t.runtime.kb.importDir(KB_DIR);
  t.runtime.bus.subscribe((e) => {
    if (e.type === 'message' && e.message.role === 'bot')
      replies.set(e.conversationId, [...(replies.get(e.conversationId) ?? []), e.message]);
  });
  await runStaffAdd({ email: 'mo@example.com', password: 'mo-password-12', name: 'Mo' }, t.runtime.db, () => {});
  staffToken = (await t.api('/v1/staff/login', { body: { email: 'mo@example.com', password: 'mo-password-12' } })).body
    .token;
}, 60_000);
afterAll(async () => {
  await t?.runtime.stop();
  await testDb?.drop();
});

/** Open a new widget conversation of `customer` (the same customer id = the same person). */
async function conversation(customer: string) {
  const key = randomUUID();
  const { conversationId } = await t.runtime.conversations.open({
    channel: 'widget',
    customerExternalId: customer,
    conversationKey: key,
  });
  const ask = async (text: string): Promise<PublicMessage> => {
    const before = replies.get(conversationId)?.length ?? 0;
    await t.runtime.conversations.receive({
      channel: 'widget',
      eventId: randomUUID(),
      conversationKey: key,
      customerId: customer,
      text,
      attachments: [],
      sentAt: new Date(),
      replyTarget: {},
    });
    return waitFor(() => replies.get(conversationId)?.[before], { timeoutMs: 15_000, what: `a reply to "${text}"` });
  };
  return { conversationId, ask };
}

const FOLLOW_UP = "it's the same problem as last week, happening again";

it('a new conversation "same problem as last week" is answered from the first conversation\'s article', async () => {
  const first = await conversation('w_memory_1');
  const answer = await first.ask('the bike will not unlock when I scan the QR code with the app');
  expect(answer).toMatchObject({ kind: 'answer' });
  expect(answer.sources?.[0]?.id).toBe('unlock-bike');

  const second = await conversation('w_memory_1');
  const again = await second.ask(FOLLOW_UP);
  expect(again.kind).toBe('answer');
  expect(again.sources?.[0]?.id).toBe('unlock-bike');

  // Another customer with no memory: nothing to recall, and no cached answer leaks the first one.
  const stranger = await conversation('w_memory_2');
  const theirs = await stranger.ask(FOLLOW_UP);
  expect(theirs.sources?.[0]?.id).not.toBe('unlock-bike');
  const saved = await t.runtime.db.query("SELECT count(*)::int AS n FROM answer_cache WHERE norm LIKE '%last week%'");
  expect(saved.rows[0]).toMatchObject({ n: 0 });
}, 60_000);

it('staff see the memory in the handoff packet and the escalation view; forgetting empties it', async () => {
  const first = await conversation('w_memory_3');
  expect((await first.ask('how do I close my account? please email me')).sources?.[0]?.id).toBe('account-delete');

  const second = await conversation('w_memory_3');
  expect((await second.ask('I want to talk to a person please')).kind).toBe('handoff');
  const staff = (p: string, body?: unknown) => t.api(`/v1/staff${p}`, { token: staffToken, body });
  const open = await waitFor(async () =>
    (await staff('/escalations?status=open')).body.escalations?.find(
      (e: { conversationId: string }) => e.conversationId === second.conversationId,
    ),
  );
  const detail = (await staff(`/escalations/${open.id}`)).body;
  expect(detail.packet.memory).toEqual(
    expect.arrayContaining([expect.stringContaining('Close your PedalPoint account'), 'Prefers: contact by email']),
  );
  expect(detail.memory.topics[0]).toMatchObject({ articleId: 'account-delete', conversationId: first.conversationId });
  expect(detail.memory.preferences).toContain('contact by email');

  const customerId = (
    await t.runtime.db.query<{ customer_id: string }>('SELECT customer_id FROM conversations WHERE id = $1', [
      second.conversationId,
    ])
  ).rows[0]!.customer_id;
  expect((await staff(`/customers/${customerId}/forget`, {})).status).toBe(200);
  const after = (await staff(`/escalations/${open.id}`)).body;
  expect(after.memory).toMatchObject({ topics: [], preferences: [], language: null });
  expect(after.packet.memory).toBeUndefined();
}, 60_000);
