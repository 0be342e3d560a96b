/**
 * DISCORD_STAFF_MODE=alerts through the runtime on real Postgres and the fake Discord: the handoff
 * packet (with buttons and a thread) is posted and says to answer from the console, buttons still
 * claim, the claimer's thread messages are NOT relayed to the customer, and a console reply is copied
 * into the packet thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser } from '../src/staff/auth.js';
import type { FakeDiscord } from './fakes/fake-discord.js';
import type { TestDb } from './helpers/db.js';
import { DISCORD_STAFF, type DiscordStaffEnv, startDiscordStaffEnv } from './helpers/discord-staff-env.js';
import type { TestRuntime } from './helpers/runtime.js';
import { waitFor } from './helpers/wait.js';

const STAFF = DISCORD_STAFF;
const STAFFER = '300000000000000001';

let env: DiscordStaffEnv;
let testDb: TestDb;
let fake: FakeDiscord;
let t: TestRuntime;
let conversationId: string;
let escalationId: string;
let threadId: string;

const postedIn = (channelId: string) => env.postedIn(channelId);
const staffRows = async () =>
  (
    await testDb.db.query<{ text: string; source: string | null }>(
      `SELECT text, meta->>'source' AS source FROM messages WHERE conversation_id = $1 AND role = 'staff' ORDER BY seq`,
      [conversationId],
    )
  ).rows;

beforeAll(async () => {
  env = await startDiscordStaffEnv({ DISCORD_STAFF_MODE: 'alerts' });
  ({ testDb, fake, t } = env);
  const conv = await t.runtime.conversations.open({
    channel: 'widget',
    customerExternalId: 'alerts-customer',
    customerName: 'Alex',
    conversationKey: 'alerts-conv',
  });
  conversationId = conv.conversationId;
});
afterAll(async () => env?.close());

describe('Discord staff channel, alerts mode', () => {
  it('rejects an unknown DISCORD_STAFF_MODE at start-up', async () => {
    const { loadConfig } = await import('../src/config.js');
    expect(loadConfig({ DISCORD_STAFF_MODE: 'alerts' }).DISCORD_STAFF_MODE).toBe('alerts');
    expect(loadConfig({}).DISCORD_STAFF_MODE).toBe('relay');
    expect(() => loadConfig({ DISCORD_STAFF_MODE: 'loud' })).toThrow(/DISCORD_STAFF_MODE/);
  });

  it('posts the packet with buttons and a thread, telling staff to answer from the console', async () => {
    const e = await t.runtime.escalations.open({
      conversationId,
      reason: 'customer_request',
      summary: 'Customer wants a human about a refund',
      packet: {},
    });
    escalationId = e.id;
    const packet = await waitFor(() => postedIn(STAFF)[0], { what: 'packet in staff channel' });
    threadId = String(packet.id);
    expect(String(packet.content)).toContain('Alerts only');
    expect(JSON.stringify(packet.components)).toContain(`sb:claim:${escalationId}`);
    await waitFor(async () => {
      const r = await testDb.db.query("SELECT 1 FROM staff_threads WHERE platform = 'discord' AND thread_id = $1", [
        threadId,
      ]);
      return r.rowCount === 1;
    });
  });

  it('Claim still works, but the claimer’s thread messages are not relayed to the customer', async () => {
    fake.clickButton({ customId: `sb:claim:${escalationId}`, messageId: threadId, userId: STAFFER, userName: 'dana' });
    await waitFor(async () => (await t.runtime.escalations.get(escalationId))?.status === 'claimed', {
      what: 'claimed',
    });
    fake.customerMessage({
      kind: 'thread',
      channelId: threadId,
      content: 'Internal: checking the refund',
      authorId: STAFFER,
    });
    // A command sent afterwards in the same thread proves the earlier message was processed.
    fake.customerMessage({ kind: 'thread', channelId: threadId, content: '!release', authorId: STAFFER });
    await waitFor(async () => (await t.runtime.escalations.get(escalationId))?.status === 'open', {
      what: 'released',
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await staffRows()).toEqual([]);
    const replied = await testDb.db.query(
      `SELECT 1 FROM escalation_events WHERE escalation_id = $1 AND type = 'replied'`,
      [escalationId],
    );
    expect(replied.rowCount).toBe(0);
  });

  it('a console reply is stored for the customer (source console) and copied into the packet thread once', async () => {
    await createStaffUser(t.runtime.db, { email: 'lee@example.com', password: 'lee-secret-1', name: 'Lee' });
    const login = await t.api('/v1/staff/login', { body: { email: 'lee@example.com', password: 'lee-secret-1' } });
    expect(login.status).toBe(200);
    const token = login.body.token as string;
    expect((await t.api(`/v1/staff/escalations/${escalationId}/claim`, { token, method: 'POST' })).status).toBe(200);
    const r = await t.api(`/v1/staff/escalations/${escalationId}/reply`, {
      token,
      body: { text: 'Your refund was sent today.' },
    });
    expect(r.status).toBe(201);
    await waitFor(() => postedIn(threadId).find((m) => String(m.content).includes('Your refund was sent today.')), {
      what: 'console reply in packet thread',
    });
    await new Promise((r) => setTimeout(r, 200));
    const mirrored = postedIn(threadId).filter((m) => String(m.content).includes('Your refund was sent today.'));
    expect(mirrored.map((m) => m.content)).toEqual(['Lee (console): Your refund was sent today.']);
    expect(await staffRows()).toEqual([{ text: 'Your refund was sent today.', source: 'console' }]);
  });
});
