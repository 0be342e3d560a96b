/**
 * Slack staff channel end to end on real Postgres: a widget customer escalates, the handoff packet
 * lands in the fake Slack staff channel, signed Claim/Resolve button clicks change the escalation,
 * and the claimer's thread reply reaches the widget customer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser } from '../src/staff/auth.js';
import { eventEnvelope, type FakeSlack, postSlack } from './fakes/fake-slack.js';
import type { TestDb } from './helpers/db.js';
import type { TestRuntime } from './helpers/runtime.js';
import { SLACK_SECRET, SLACK_STAFF, type SlackEnv, startSlackEnv } from './helpers/slack-env.js';
import { waitFor } from './helpers/wait.js';

const SECRET = SLACK_SECRET;
const STAFF = SLACK_STAFF;
let env: SlackEnv;
let testDb: TestDb;
let fake: FakeSlack;
let t: TestRuntime;
const newTs = () => env.newTs();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  env = await startSlackEnv();
  ({ testDb, fake, t } = env);
});

afterAll(async () => env?.close());

describe('Slack staff channel', () => {
  let token: string;
  let conversationId: string;
  let escalationId: string;
  let packetTs: string;

  const click = (actionId: string, userId: string, name: string) =>
    postSlack(
      t.url,
      {
        type: 'block_actions',
        user: { id: userId, username: name, name, team_id: 'T111' },
        api_app_id: 'A111',
        token: 'x',
        container: { type: 'message', message_ts: packetTs, channel_id: STAFF, is_ephemeral: false },
        trigger_id: '1.2.3',
        team: { id: 'T111', domain: 'fake' },
        channel: { id: STAFF, name: 'support-staff' },
        message: { ts: packetTs, type: 'message' },
        response_url: 'https://hooks.slack.invalid/actions/1',
        actions: [{ action_id: actionId, block_id: 'b', type: 'button', value: escalationId, action_ts: newTs() }],
      },
      SECRET,
      { form: true },
    );
  const staffReply = (userId: string, text: string, ts = newTs()) =>
    postSlack(
      t.url,
      eventEnvelope({
        type: 'message',
        channel: STAFF,
        channel_type: 'channel',
        user: userId,
        text,
        ts,
        thread_ts: packetTs,
      }),
      SECRET,
    );
  const widgetMessages = async () =>
    (await t.api('/v1/widget/messages?after=0', { token })).body.messages as { role: string; text: string }[];

  it('an escalation posts a handoff packet with Claim/Resolve buttons to the staff channel', async () => {
    const s = await t.api('/v1/widget/sessions', { body: {} });
    token = s.body.token;
    conversationId = s.body.conversationId;
    const sent = await t.api('/v1/widget/messages', { token, body: { text: 'I want to talk to a human' } });
    expect(sent.status).toBe(202);
    escalationId = await waitFor(
      async () =>
        (
          await testDb.db.query<{ id: string }>('SELECT id FROM escalations WHERE conversation_id = $1', [
            conversationId,
          ])
        ).rows[0]?.id,
      { what: 'escalation', timeoutMs: 20_000 },
    );
    const packet = await waitFor(
      () => fake.messages.find((m) => m.channel === STAFF && JSON.stringify(m.blocks ?? '').includes(escalationId)),
      { what: 'packet', timeoutMs: 20_000 },
    );
    packetTs = packet.ts;
    const blocks = JSON.stringify(packet.blocks);
    expect(blocks).toContain('sb_claim');
    expect(blocks).toContain('sb_resolve');
    expect(blocks).toMatch(/Summary/);
    // The packet is posted first, then its thread is recorded: wait for the row.
    const thread = await waitFor(
      async () =>
        (await testDb.db.query('SELECT * FROM staff_threads WHERE escalation_id = $1', [escalationId])).rows[0],
      { what: 'staff_threads row' },
    );
    expect(thread).toMatchObject({ platform: 'slack', channel_id: STAFF, thread_id: packetTs });
  });

  it('a staff reply before claiming is not relayed; the staff member is told to claim first', async () => {
    const r = await staffReply('USTAFF1', 'Hello, are you there?');
    expect(r.status).toBe(200);
    const note = await waitFor(() => fake.ok('chat.postEphemeral').find((c) => c.args.user === 'USTAFF1'), {
      what: 'claim-first note',
    });
    expect(String(note.args.text)).toMatch(/[Cc]laim/);
    expect((await widgetMessages()).some((m) => m.text.includes('are you there'))).toBe(false);
  });

  it('Claim button claims the escalation in Postgres and updates the packet', async () => {
    const r = await click('sb_claim', 'USTAFF1', 'ana');
    expect(r.status).toBe(200);
    const row = await waitFor(
      async () =>
        (
          await testDb.db.query<{ status: string; slack_user_id: string; name: string }>(
            `SELECT e.status, s.slack_user_id, s.name FROM escalations e JOIN staff_users s ON s.id = e.assignee_id
              WHERE e.id = $1 AND e.status = 'claimed'`,
            [escalationId],
          )
        ).rows[0],
      { what: 'claimed escalation' },
    );
    expect(row).toMatchObject({ status: 'claimed', slack_user_id: 'USTAFF1', name: 'ana' });
    await waitFor(
      () =>
        fake.ok('chat.update').find((c) => c.args.ts === packetTs && JSON.stringify(c.args.blocks).includes('Claimed')),
      {
        what: 'packet updated',
      },
    );
  });

  it('the claimer’s thread reply reaches the widget customer (once, even when Slack retries)', async () => {
    const ts = newTs();
    await staffReply('USTAFF1', 'Hi, this is Ana from support. I can help with that.', ts);
    await staffReply('USTAFF1', 'Hi, this is Ana from support. I can help with that.', ts);
    const msg = await waitFor(async () => (await widgetMessages()).find((m) => m.role === 'staff'), {
      what: 'staff message',
    });
    expect(msg.text).toBe('Hi, this is Ana from support. I can help with that.');
    await sleep(300);
    expect((await widgetMessages()).filter((m) => m.role === 'staff')).toHaveLength(1);
  });

  it('another staff member cannot reply in a claimed thread', async () => {
    await staffReply('USTAFF2', 'Let me jump in');
    await waitFor(() => fake.ok('chat.postEphemeral').find((c) => c.args.user === 'USTAFF2'), {
      what: 'not-assignee note',
    });
    expect((await widgetMessages()).some((m) => m.text.includes('jump in'))).toBe(false);
  });

  it('customer messages while a human owns the conversation are copied into the packet thread', async () => {
    await t.api('/v1/widget/messages', { token, body: { text: 'Thanks Ana, my invoice number is 4711' } });
    await waitFor(
      () => fake.messages.find((m) => m.channel === STAFF && m.thread_ts === packetTs && m.text.includes('4711')),
      { what: 'customer line in staff thread' },
    );
  });

  it('a thread reply is not echoed back into its own thread; escalation_events record its source', async () => {
    // By now the claimer's reply is stored and a later customer line was relayed (the cursor passed it).
    const inThread = fake.messages.filter((m) => m.channel === STAFF && m.thread_ts === packetTs);
    expect(inThread.some((m) => m.text.includes('Hi, this is Ana from support'))).toBe(false);
    const replied = await testDb.db.query<{ data: { source?: string } }>(
      `SELECT data FROM escalation_events WHERE escalation_id = $1 AND type = 'replied'`,
      [escalationId],
    );
    expect(replied.rows.map((r) => r.data.source)).toEqual(['slack']);
  });

  it('a console reply (staff API) shows up once in the packet thread, attributed to its author', async () => {
    await createStaffUser(t.runtime.db, {
      email: 'root@example.com',
      password: 'root-secret-1',
      name: 'Root',
      role: 'admin',
    });
    const login = await t.api('/v1/staff/login', { body: { email: 'root@example.com', password: 'root-secret-1' } });
    expect(login.status).toBe(200);
    const r = await t.api(`/v1/staff/escalations/${escalationId}/reply`, {
      token: login.body.token,
      body: { text: 'Root here: the refund is on its way.' },
    });
    expect(r.status).toBe(201);
    const mirrored = await waitFor(
      () =>
        fake.messages.find(
          (m) => m.channel === STAFF && m.thread_ts === packetTs && m.text.includes('refund is on its way'),
        ),
      { what: 'console reply in staff thread' },
    );
    expect(mirrored.text).toBe('Root (console): Root here: the refund is on its way.');
    await t.api('/v1/widget/messages', { token, body: { text: 'Great, thank you both' } });
    await waitFor(() => fake.messages.find((m) => m.thread_ts === packetTs && m.text.includes('thank you both')), {
      what: 'later customer line',
    });
    await sleep(200);
    const thread = fake.messages.filter((m) => m.channel === STAFF && m.thread_ts === packetTs).map((m) => m.text);
    expect(thread.filter((x) => x.includes('refund is on its way'))).toHaveLength(1);
    expect(thread.filter((x) => x.includes('Hi, this is Ana from support'))).toHaveLength(0);
    expect(thread.filter((x) => x.includes('4711'))).toHaveLength(1);
    const sources = await testDb.db.query<{ source: string }>(
      `SELECT data->>'source' AS source FROM escalation_events WHERE escalation_id = $1 AND type = 'replied' ORDER BY id`,
      [escalationId],
    );
    expect(sources.rows.map((x) => x.source)).toEqual(['slack', 'console']);
  });

  it('Resolve button resolves the escalation and hands the conversation back to the bots', async () => {
    const r = await click('sb_resolve', 'USTAFF1', 'ana');
    expect(r.status).toBe(200);
    await waitFor(
      async () =>
        (await testDb.db.query(`SELECT 1 FROM escalations WHERE id = $1 AND status = 'resolved'`, [escalationId]))
          .rows[0],
      { what: 'resolved' },
    );
    const conv = await testDb.db.query<{ status: string }>('SELECT status FROM conversations WHERE id = $1', [
      conversationId,
    ]);
    expect(conv.rows[0]?.status).toBe('bot');
    await waitFor(() => fake.ok('chat.update').find((c) => JSON.stringify(c.args.blocks).includes('Resolved')), {
      what: 'packet shows resolved',
    });
  });
});
