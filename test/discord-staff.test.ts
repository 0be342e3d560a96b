/**
 * Discord staff side through the runtime on real Postgres and the fake Discord: handoff packet with
 * buttons + thread in DISCORD_STAFF_CHANNEL, replies relayed only after claim and only by the
 * claimer, Claim via button interaction, Resolve via `!resolve` in the packet thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, IDS } from './fakes/fake-discord.js';
import type { TestDb } from './helpers/db.js';
import { DISCORD_STAFF, type DiscordStaffEnv, startDiscordStaffEnv } from './helpers/discord-staff-env.js';
import type { TestRuntime } from './helpers/runtime.js';
import { waitFor } from './helpers/wait.js';

const STAFF = DISCORD_STAFF;
const STAFFER = '300000000000000001';
const OTHER_STAFFER = '300000000000000002';

let env: DiscordStaffEnv;
let testDb: TestDb;
let fake: FakeDiscord;
let t: TestRuntime;
let conversationId: string;
let escalationId: string;
let threadId: string;

const postedIn = (channelId: string) => env.postedIn(channelId);
const escalationStatus = async () =>
  (await testDb.db.query<{ status: string }>('SELECT status FROM escalations WHERE id = $1', [escalationId])).rows[0]
    ?.status;

beforeAll(async () => {
  env = await startDiscordStaffEnv();
  ({ testDb, fake, t } = env);
  fake.dispatchFixture('message_create_dm', { id: fake.snowflake(), content: 'My invoice shows a double charge' });
  await waitFor(() => postedIn(IDS.dmChannel).length > 0, { what: 'bot reply in DM' });
  const conv = await testDb.db.query<{ id: string }>(
    "SELECT id FROM conversations WHERE channel = 'discord' AND external_key = $1",
    [IDS.dmChannel],
  );
  conversationId = conv.rows[0]!.id;
});
afterAll(async () => env?.close());

describe('Discord staff channel', () => {
  it('posts the handoff packet with Claim/Resolve buttons and a thread', async () => {
    const active = await t.runtime.escalations.activeFor(conversationId);
    const escalation =
      active ??
      (await t.runtime.escalations.open({
        conversationId,
        reason: 'customer_request',
        summary: 'Customer reports a double charge on the invoice',
        packet: {},
      }));
    escalationId = escalation.id;
    const packet = await waitFor(() => postedIn(STAFF)[0], { what: 'packet in staff channel' });
    threadId = String(packet.id);
    expect(String(packet.content)).toContain('Handoff');
    const ids = JSON.stringify(packet.components);
    expect(ids).toContain(`sb:claim:${escalationId}`);
    expect(ids).toContain(`sb:resolve:${escalationId}`);
    await waitFor(() => fake.calls.some((c) => c.path === `/channels/${STAFF}/messages/${threadId}/threads`));
    // The relay records the packet thread once postPacket returns.
    await waitFor(async () => {
      const r = await testDb.db.query(
        "SELECT 1 FROM staff_threads WHERE platform = 'discord' AND channel_id = $1 AND thread_id = $2",
        [STAFF, threadId],
      );
      return r.rowCount === 1;
    });
  });

  it('a reply before claim is NOT relayed; staff are told to claim first', async () => {
    const before = postedIn(IDS.dmChannel).length;
    const staffMsg = fake.customerMessage({
      kind: 'thread',
      channelId: threadId,
      content: 'Hi, checking now',
      authorId: STAFFER,
    });
    const note = await waitFor(() =>
      postedIn(threadId).find((m) => String(m.content).includes('Claim this conversation first')),
    );
    expect((note.message_reference as { message_id: string }).message_id).toBe(staffMsg.id);
    expect(postedIn(IDS.dmChannel).length).toBe(before);
  });

  it('Claim button claims; the claimer’s thread replies reach the customer; others are refused', async () => {
    fake.clickButton({ customId: `sb:claim:${escalationId}`, messageId: threadId, userId: STAFFER, userName: 'dana' });
    await waitFor(async () => (await escalationStatus()) === 'claimed', { what: 'claimed' });
    expect(fake.calls.some((c) => /^\/interactions\/\d+\/[^/]+\/callback$/.test(c.path))).toBe(true);
    await waitFor(() => String(fake.message(threadId)?.content).includes('claimed by'), { what: 'packet re-rendered' });

    const before = postedIn(IDS.dmChannel).length;
    fake.customerMessage({
      kind: 'thread',
      channelId: threadId,
      content: 'I refunded the duplicate charge.',
      authorId: STAFFER,
    });
    const relayed = await waitFor(() =>
      postedIn(IDS.dmChannel)
        .slice(before)
        .find((m) => String(m.content).includes('I refunded the duplicate charge.')),
    );
    expect((relayed as { content: string }).content).toContain('(support team)');

    fake.customerMessage({ kind: 'thread', channelId: threadId, content: 'me too', authorId: OTHER_STAFFER });
    await waitFor(() =>
      postedIn(threadId).some((m) => String(m.content).includes('Someone else owns this conversation')),
    );
    expect(postedIn(IDS.dmChannel).some((m) => String(m.content).includes('me too'))).toBe(false);
  });

  it('!resolve in the packet thread resolves the escalation', async () => {
    fake.customerMessage({ kind: 'thread', channelId: threadId, content: '!resolve', authorId: STAFFER });
    await waitFor(async () => (await escalationStatus()) === 'resolved', { what: 'resolved' });
    await waitFor(() => String(fake.message(threadId)?.content).includes('resolved'), {
      what: 'packet shows resolved',
    });
  });
});
