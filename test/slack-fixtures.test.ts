/**
 * Every Slack fixture in /work/shared/fixtures/slack, sent signed to the running server and handled
 * as the fixtures README says (answered, recorded, or ignored), none causing a 5xx. The README
 * suggests a bot identity per fixture, so two runtimes run in turn on one Postgres database:
 * bot W111 (the mentioned user) and bot U222222222 (the author of the reacted message).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, postSlack, startFakeSlack } from './fakes/fake-slack.js';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';
import { waitFor } from './helpers/wait.js';

const SECRET = 'fixture-signing-secret';
const here = path.dirname(fileURLToPath(import.meta.url));
const DIR = path.resolve(here, '../../shared/fixtures/slack');
interface Fixture {
  _delivery: string;
  payload: Record<string, unknown>;
}
const load = (name: string): Fixture => JSON.parse(readFileSync(path.join(DIR, `${name}.json`), 'utf8'));

let testDb: TestDb;
let fake: FakeSlack;
const count = async (sql: string, params: unknown[] = []) =>
  Number((await testDb.db.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0);
const stored = (eventId: string) => count(`SELECT count(*) AS n FROM messages WHERE external_id = $1`, [eventId]);
const replied = (channel: string, threadTs: string) =>
  fake.ok('chat.postMessage').some((c) => c.args.channel === channel && c.args.thread_ts === threadTs);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function send(t: TestRuntime, name: string) {
  const f = load(name);
  const r = await postSlack(t.url, f.payload, SECRET, { form: f._delivery.includes('x-www-form-urlencoded') });
  expect(r.status, `${name} status`).toBe(200);
  expect(r.ms, `${name} ack time`).toBeLessThan(3000);
  return r;
}

async function runtimeAs(botUserId: string): Promise<TestRuntime> {
  fake.identity.user_id = botUserId;
  return startTestRuntime({
    DATABASE_URL: testDb.url,
    SLACK_BOT_TOKEN: 'xoxb-fixtures',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.url,
    SLACK_SUPPORT_CHANNELS: 'C111',
  });
}

beforeAll(async () => {
  testDb = await createPostgresTestDb();
  fake = await startFakeSlack({ bot_id: 'BSELF' });
});
afterAll(async () => {
  await fake?.close();
  await testDb?.drop();
});

it('the fixture set is the one this file covers', () => {
  const names = readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  expect(names).toEqual(
    [
      'app_mention',
      'block_actions_button',
      'member_joined_channel',
      'message_bot_message',
      'message_changed',
      'message_channel',
      'message_deleted',
      'message_file_share_image',
      'message_from_other_app',
      'message_im',
      'message_thread_broadcast',
      'message_thread_reply',
      'reaction_added',
      'url_verification',
      'view_submission',
    ].map((n) => `${n}.json`),
  );
});

describe('as bot W111', () => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await runtimeAs('W111');
  });
  afterAll(async () => t?.runtime.stop());

  it('url_verification echoes the challenge', async () => {
    const r = await send(t, 'url_verification');
    expect(r.text).toContain('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P');
  });

  it('app_mention is answered in its thread, own mention stripped', async () => {
    await send(t, 'app_mention');
    await waitFor(() => replied('C111', '1595926230.009600'), { what: 'mention reply' });
    const r = await testDb.db.query<{ text: string }>('SELECT text FROM messages WHERE external_id = $1', [
      'C111:1595926230.009600',
    ]);
    expect(r.rows.map((x) => x.text)).toEqual(['Hi there!']);
  });

  it('message_thread_reply is answered in the parent thread', async () => {
    await send(t, 'message_thread_reply');
    await waitFor(() => replied('C111', '1726133698.626339'), { what: 'thread reply' });
    expect(await stored('C111:1726133700.887259')).toBe(1);
  });

  it('bot messages, other apps, edits, deletes and the bot’s own message are ignored', async () => {
    for (const name of [
      'message_bot_message',
      'message_from_other_app',
      'message_changed',
      'message_deleted',
      'message_channel',
    ])
      await send(t, name);
    await sleep(500);
    for (const id of [
      'C111:1610262363.001600',
      'C111:1610261539.000900',
      'C111:1665102362.013600',
      'C111:1665368619.804829',
      'C111:1665368629.007100',
      'C111:1610261659.001400',
    ])
      expect(await stored(id), id).toBe(0);
  });

  it('block_actions_button and view_submission are acknowledged', async () => {
    await send(t, 'block_actions_button');
    await send(t, 'view_submission');
  });
});

describe('as bot U222222222', () => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await runtimeAs('U222222222');
  });
  afterAll(async () => t?.runtime.stop());

  it('message_channel in a support channel is answered', async () => {
    await send(t, 'message_channel');
    await waitFor(() => replied('C111', '1610261659.001400'), { what: 'channel reply' });
    expect(await stored('C111:1610261659.001400')).toBe(1);
  });

  it('message_im is answered', async () => {
    await send(t, 'message_im');
    await waitFor(() => replied('D024BE91L', '1355517523.000005'), { what: 'DM reply' });
  });

  it('message_file_share_image is answered with the image as an attachment', async () => {
    await send(t, 'message_file_share_image');
    await waitFor(() => replied('C111', '1652227646.593159'), { what: 'file share reply' });
    const r = await testDb.db.query<{ attachments: { url: string; contentType: string }[] }>(
      'SELECT attachments FROM messages WHERE external_id = $1',
      ['C111:1652227646.593159'],
    );
    expect(r.rows[0]?.attachments[0]).toMatchObject({
      url: 'https://files.slack.com/files-pri/T111-F111/file.png',
      contentType: 'image/png',
    });
  });

  it('message_thread_broadcast is answered in its thread', async () => {
    await send(t, 'message_thread_broadcast');
    await waitFor(() => replied('C111', '1633663824.000500'), { what: 'broadcast reply' });
  });

  it('reaction_added on the bot’s message is recorded as feedback', async () => {
    const conv = await testDb.db.query<{ id: string }>(
      `WITH cu AS (INSERT INTO customers (channel, external_id) VALUES ('slack', 'U123ABC456') RETURNING id)
       INSERT INTO conversations (customer_id, channel, external_key) SELECT id, 'slack', 'C123ABC456:1360782400.000001' FROM cu
       RETURNING id`,
    );
    const convId = conv.rows[0]?.id;
    const msg = await testDb.db.query<{ id: string }>(
      `INSERT INTO messages (conversation_id, role, channel, text) VALUES ($1, 'bot', 'slack', 'An earlier answer') RETURNING id`,
      [convId],
    );
    await testDb.db.query(
      `INSERT INTO deliveries (message_id, channel, status, platform_message_ids) VALUES ($1, 'slack', 'sent', $2)`,
      [msg.rows[0]?.id, ['C123ABC456:1360782400.498405']],
    );
    await send(t, 'reaction_added');
    const row = await waitFor(
      async () =>
        (
          await testDb.db.query<{ rating: number; raw: string }>(
            'SELECT rating, raw FROM feedback WHERE message_id = $1',
            [msg.rows[0]?.id],
          )
        ).rows[0],
      { what: 'feedback' },
    );
    expect(row).toMatchObject({ rating: 1, raw: 'thumbsup' });
  });

  it('member_joined_channel is acknowledged and starts no conversation', async () => {
    const before = await count('SELECT count(*) AS n FROM messages');
    await send(t, 'member_joined_channel');
    await sleep(300);
    expect(await count('SELECT count(*) AS n FROM messages')).toBe(before);
  });
});
