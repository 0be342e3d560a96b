/**
 * Shared staff-channel relay on real Postgres with an in-memory StaffChannel: a packet is posted once
 * even when two processes listen to the same bus, packets missed while nobody listened are posted on
 * attach, lifecycle changes re-render the packet, and alerts mode never relays staff replies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachStaffChannels } from '../src/staff-channels/index.js';
import type { HandoffPacket, StaffChannel, StaffInboundHandlers, StaffThreadRef } from '../src/staff-channels/types.js';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';
import { waitFor } from './helpers/wait.js';

interface MemoryChannel extends StaffChannel {
  packets: HandoffPacket[];
  updates: { ref: StaffThreadRef; packet: HandoffPacket }[];
  notes: string[];
  handlers?: StaffInboundHandlers;
}

let n = 0;
function memoryChannel(mode: 'relay' | 'alerts', platform = 'slack'): MemoryChannel {
  const ch: MemoryChannel = {
    platform,
    mode,
    packets: [],
    updates: [],
    notes: [],
    listen(h) {
      ch.handlers = h;
    },
    async postPacket(p) {
      await new Promise((r) => setTimeout(r, 20));
      ch.packets.push(p);
      return { platform, channelId: 'CMEM', threadId: `t${++n}` };
    },
    async updatePacket(ref, packet) {
      ch.updates.push({ ref, packet });
    },
    async postUpdate(_ref, text) {
      ch.notes.push(text);
    },
  };
  return ch;
}

let testDb: TestDb;
let t: TestRuntime;
const detach: (() => Promise<void>)[] = [];

async function openEscalation(key: string) {
  const { conversationId } = await t.runtime.conversations.open({
    channel: 'widget',
    customerExternalId: `cust-${key}`,
    customerName: `Customer ${key}`,
    conversationKey: `conv-${key}`,
  });
  return t.runtime.escalations.open({
    conversationId,
    reason: 'customer_request',
    priority: 'high',
    summary: `Needs a human (${key})`,
    packet: { tried: ['Suggested a password reset'], sentiment: 'negative' },
  });
}

beforeAll(async () => {
  testDb = await createPostgresTestDb();
  t = await startTestRuntime({ DATABASE_URL: testDb.url });
});
afterAll(async () => {
  for (const d of detach) await d();
  await t?.runtime.stop();
  await testDb?.drop();
});

describe('staff channels', () => {
  it('posts a missed packet on attach, and each packet once across two listening processes', async () => {
    const missed = await openEscalation('missed');
    const a = memoryChannel('relay');
    const b = memoryChannel('relay');
    detach.push(attachStaffChannels(t.runtime, [a]), attachStaffChannels(t.runtime, [b]));
    await waitFor(() => [...a.packets, ...b.packets].some((p) => p.escalationId === missed.id), {
      what: 'swept packet',
    });
    const fresh = await openEscalation('fresh');
    await waitFor(() => [...a.packets, ...b.packets].some((p) => p.escalationId === fresh.id), { what: 'packet' });
    await new Promise((r) => setTimeout(r, 300));
    const all = [...a.packets, ...b.packets];
    expect(all.filter((p) => p.escalationId === fresh.id)).toHaveLength(1);
    expect(all.filter((p) => p.escalationId === missed.id)).toHaveLength(1);
    const p = all.find((x) => x.escalationId === fresh.id);
    expect(p).toMatchObject({
      customerName: 'Customer fresh',
      customerChannel: 'widget',
      summary: 'Needs a human (fresh)',
      tried: ['Suggested a password reset'],
      sentiment: 'negative',
      reason: 'customer_request',
      priority: 'high',
      status: 'open',
    });
    expect(Date.parse(p?.slaDueAt ?? '')).toBeGreaterThan(Date.now());
    const threads = await testDb.db.query('SELECT * FROM staff_threads WHERE escalation_id = $1', [fresh.id]);
    expect(threads.rows).toHaveLength(1);

    // A claim through the shared handler re-renders the packet and leaves one note.
    const handlers = a.handlers as StaffInboundHandlers;
    const res = await handlers.onStaffAction({
      platform: 'slack',
      action: 'claim',
      escalationId: fresh.id,
      userId: 'UMEM',
      userName: 'Mia',
    });
    expect(res).toEqual({ ok: true, code: 'claimed' });
    await waitFor(
      () => [...a.updates, ...b.updates].some((u) => u.packet.status === 'claimed' && u.packet.assigneeName === 'Mia'),
      {
        what: 'claimed render',
      },
    );
    await new Promise((r) => setTimeout(r, 200));
    expect([...a.notes, ...b.notes].filter((x) => x.includes('Mia claimed'))).toHaveLength(1);
    const again = await handlers.onStaffAction({
      platform: 'slack',
      action: 'claim',
      escalationId: fresh.id,
      userId: 'UOTHER',
    });
    expect(again).toMatchObject({ ok: false, code: 'already_claimed' });
  });

  it('alerts mode posts packets but never relays staff replies', async () => {
    for (const d of detach.splice(0)) await d();
    const ch = memoryChannel('alerts');
    detach.push(attachStaffChannels(t.runtime, [ch]));
    const esc = await openEscalation('alerts');
    await waitFor(() => ch.packets.some((p) => p.escalationId === esc.id), { what: 'packet' });
    // The packet is posted first, then its thread is recorded: wait for the row.
    const ref = await waitFor(
      async () =>
        (
          await testDb.db.query<{ channel_id: string; thread_id: string }>(
            'SELECT channel_id, thread_id FROM staff_threads WHERE escalation_id = $1',
            [esc.id],
          )
        ).rows[0],
      { what: 'staff_threads row' },
    );
    const handlers = ch.handlers as StaffInboundHandlers;
    await handlers.onStaffAction({ platform: 'slack', action: 'claim', escalationId: esc.id, userId: 'UALERT' });
    const r = await handlers.onStaffReply({
      platform: 'slack',
      channelId: ref.channel_id,
      threadId: ref.thread_id,
      eventId: 'e1',
      userId: 'UALERT',
      text: 'hello',
    });
    expect(r).toEqual({ ok: false, code: 'alerts_only' });
    const staffMsgs = await testDb.db.query(`SELECT 1 FROM messages WHERE conversation_id = $1 AND role = 'staff'`, [
      esc.conversationId,
    ]);
    expect(staffMsgs.rows).toHaveLength(0);
  });

  it('mirrors staff replies written elsewhere into each thread once, never back into their own thread', async () => {
    for (const d of detach.splice(0)) await d();
    // Two processes, each with a Slack and a Discord staff channel.
    const [s1, s2, d1, d2] = [
      memoryChannel('relay'),
      memoryChannel('relay'),
      memoryChannel('relay', 'discord'),
      memoryChannel('alerts', 'discord'),
    ] as const;
    detach.push(attachStaffChannels(t.runtime, [s1, d1]), attachStaffChannels(t.runtime, [s2, d2]));
    const esc = await openEscalation('mirror');
    const slackRef = await waitFor(
      async () =>
        (
          await testDb.db.query<{ channel_id: string; thread_id: string }>(
            `SELECT channel_id, thread_id FROM staff_threads WHERE escalation_id = $1 AND platform = 'slack'`,
            [esc.id],
          )
        ).rows[0],
      { what: 'slack packet thread' },
    );
    await waitFor(() => [...d1.packets, ...d2.packets].some((p) => p.escalationId === esc.id), {
      what: 'discord packet',
    });
    const handlers = s1.handlers as StaffInboundHandlers;
    await handlers.onStaffAction({
      platform: 'slack',
      action: 'claim',
      escalationId: esc.id,
      userId: 'UMO',
      userName: 'Mo',
    });
    const fromSlack = await handlers.onStaffReply({
      platform: 'slack',
      channelId: slackRef.channel_id,
      threadId: slackRef.thread_id,
      eventId: 'mirror-1',
      userId: 'UMO',
      text: 'Written in Slack',
    });
    expect(fromSlack).toEqual({ ok: true, code: 'relayed' });
    const mo = await testDb.db.query<{ id: string }>(`SELECT id FROM staff_users WHERE slack_user_id = 'UMO'`);
    await t.runtime.escalations.reply(esc.id, mo.rows[0]!.id, 'Written in the console');
    const discordNotes = () => [...d1.notes, ...d2.notes].filter((x) => x.startsWith('Mo ('));
    await waitFor(() => discordNotes().length >= 2, { what: 'replies mirrored to discord' });
    await waitFor(() => [...s1.notes, ...s2.notes].some((x) => x.startsWith('Mo (console)')), {
      what: 'console reply mirrored to slack',
    });
    await new Promise((r) => setTimeout(r, 300));
    // Each process may relay a different line, so compare across the two processes without order.
    expect(discordNotes().sort()).toEqual(['Mo (console): Written in the console', 'Mo (slack): Written in Slack']);
    expect([...s1.notes, ...s2.notes].filter((x) => x.startsWith('Mo ('))).toEqual([
      'Mo (console): Written in the console',
    ]);
    const bus = await testDb.db.query<{ source: string }>(
      `SELECT data->>'source' AS source FROM escalation_events WHERE escalation_id = $1 AND type = 'replied' ORDER BY id`,
      [esc.id],
    );
    expect(bus.rows.map((r) => r.source)).toEqual(['slack', 'console']);
  });
});
