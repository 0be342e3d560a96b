/**
 * Slack staff authorization end to end (real Postgres, fake Slack Web API): guests, users of other
 * workspaces (Slack Connect) and unknown users who can post in the staff channel get an ephemeral
 * refusal and change nothing; workspace members still can. SLACK_STAFF_USERS narrows it further.
 * Customer text in the packet cannot ping the channel or inject links.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackWebClient } from '../adapters/slack/client.js';
import { createSlackStaffAuthorizer } from '../adapters/slack/staff-auth.js';
import { eventEnvelope, type FakeSlack, postSlack } from './fakes/fake-slack.js';
import type { TestDb } from './helpers/db.js';
import type { TestRuntime } from './helpers/runtime.js';
import { SLACK_SECRET, SLACK_STAFF, type SlackEnv, startSlackEnv } from './helpers/slack-env.js';
import { waitFor } from './helpers/wait.js';

let env: SlackEnv;
let testDb: TestDb;
let fake: FakeSlack;
let t: TestRuntime;
let escalationId: string;
let packetTs: string;
const quiet = { warn() {} };

beforeAll(async () => {
  env = await startSlackEnv();
  ({ testDb, fake, t } = env);
  fake.users.set('UGUEST', { name: 'gus', real_name: 'Guest', is_restricted: true });
  fake.users.set('UEXT', { name: 'eve', real_name: 'External', team_id: 'T999', is_stranger: true });
});

afterAll(async () => env?.close());

const click = (actionId: string, userId: string, teamId = 'T111') =>
  postSlack(
    t.url,
    {
      type: 'block_actions',
      user: { id: userId, username: userId, name: userId, team_id: teamId },
      api_app_id: 'A111',
      token: 'x',
      container: { type: 'message', message_ts: packetTs, channel_id: SLACK_STAFF, is_ephemeral: false },
      trigger_id: '1.2.3',
      team: { id: teamId, domain: 'fake' },
      channel: { id: SLACK_STAFF, name: 'support-staff' },
      message: { ts: packetTs, type: 'message' },
      response_url: 'https://hooks.slack.invalid/actions/1',
      actions: [{ action_id: actionId, block_id: 'b', type: 'button', value: escalationId, action_ts: env.newTs() }],
    },
    SLACK_SECRET,
    { form: true },
  );
const status = async () =>
  (await testDb.db.query<{ status: string }>('SELECT status FROM escalations WHERE id = $1', [escalationId])).rows[0]
    ?.status;
const refusalTo = (user: string) =>
  waitFor(
    () =>
      fake
        .ok('chat.postEphemeral')
        .find((c) => c.args.user === user && String(c.args.text).includes('Only members of the support team')),
    { what: `refusal to ${user}` },
  );

describe('Slack staff authorization', () => {
  it('posts a packet whose customer text cannot ping or link', async () => {
    const s = await t.api('/v1/widget/sessions', { body: {} });
    const text = 'I want to talk to a human <!channel> @here <https://evil.example|your invoice>';
    await t.api('/v1/widget/messages', { token: s.body.token, body: { text } });
    escalationId = await waitFor(
      async () =>
        (
          await testDb.db.query<{ id: string }>('SELECT id FROM escalations WHERE conversation_id = $1', [
            s.body.conversationId,
          ])
        ).rows[0]?.id,
      { what: 'escalation', timeoutMs: 20_000 },
    );
    const packet = await waitFor(
      () =>
        fake.messages.find((m) => m.channel === SLACK_STAFF && JSON.stringify(m.blocks ?? '').includes(escalationId)),
      { what: 'packet', timeoutMs: 20_000 },
    );
    packetTs = packet.ts;
    const rendered = `${packet.text} ${JSON.stringify(packet.blocks)}`;
    expect(rendered).not.toContain('<!channel>');
    expect(rendered).not.toContain('<https://evil.example');
    expect(rendered).not.toMatch(/@here\b/);
  });

  it('a guest (single/multi-channel) cannot claim: ephemeral refusal, nothing changes', async () => {
    expect((await click('sb_claim', 'UGUEST')).status).toBe(200);
    await refusalTo('UGUEST');
    expect(await status()).toBe('open');
  });

  it('a Slack Connect user of another workspace cannot claim', async () => {
    await click('sb_claim', 'UEXT', 'T999');
    await refusalTo('UEXT');
    expect(await status()).toBe('open');
  });

  it('an unknown user cannot reply to the customer from the packet thread', async () => {
    await postSlack(
      t.url,
      eventEnvelope({
        type: 'message',
        channel: SLACK_STAFF,
        channel_type: 'channel',
        user: 'UNOBODY',
        text: 'hello from a stranger',
        ts: env.newTs(),
        thread_ts: packetTs,
      }),
      SLACK_SECRET,
    );
    await refusalTo('UNOBODY');
    const msgs = await testDb.db.query("SELECT 1 FROM messages WHERE role = 'staff' AND text LIKE '%stranger%'");
    expect(msgs.rowCount).toBe(0);
  });

  it('a full member of the workspace can still claim', async () => {
    await click('sb_claim', 'USTAFF1');
    await waitFor(async () => (await status()) === 'claimed', { what: 'claimed' });
  });
});

describe('SLACK_STAFF_USERS', () => {
  it('only listed users pass, and they must still be full members of the workspace', async () => {
    const client = createSlackWebClient({ token: 'xoxb-test', apiUrl: fake.url });
    const authorize = createSlackStaffAuthorizer({
      client,
      teamId: () => 'T111',
      allowedUsers: ['USTAFF1', 'UGUEST'],
      log: quiet,
    });
    expect(await authorize('USTAFF1')).toEqual({ ok: true });
    expect(await authorize('USTAFF2')).toEqual({ ok: false, reason: 'not_listed' });
    expect(await authorize('UGUEST')).toEqual({ ok: false, reason: 'guest' });
    expect(await authorize('USTAFF1', 'T999')).toEqual({ ok: false, reason: 'other_workspace' });
    const open = createSlackStaffAuthorizer({ client, teamId: () => 'T111', allowedUsers: [], log: quiet });
    expect(await open('USTAFF2')).toEqual({ ok: true });
    expect(await open('UEXT')).toEqual({ ok: false, reason: 'other_workspace' });
    expect(await open('UNOBODY')).toEqual({ ok: false, reason: 'unknown_user' });
  });
});
