/**
 * Slack channel end to end on real Postgres: signed Events API and interactivity requests to the
 * running server, replies captured by the fake Slack Web API (real HTTP on 127.0.0.1). Covers
 * mention/DM replies, signature checks, retries and duplicates, 429 handling and feedback
 * (the staff side is in slack-staff.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventEnvelope, type FakeSlack, postSlack } from './fakes/fake-slack.js';
import type { TestDb } from './helpers/db.js';
import type { TestRuntime } from './helpers/runtime.js';
import { SLACK_SECRET, type SlackEnv, startSlackEnv } from './helpers/slack-env.js';
import { waitFor } from './helpers/wait.js';

const SECRET = SLACK_SECRET;
let env: SlackEnv;
let testDb: TestDb;
let fake: FakeSlack;
let t: TestRuntime;
const newTs = () => env.newTs();
const count = async (sql: string, params: unknown[] = []) =>
  Number((await testDb.db.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0);
const storedCount = (eventId: string) =>
  count(`SELECT count(*) AS n FROM messages WHERE channel = 'slack' AND external_id = $1`, [eventId]);
const repliesIn = (channel: string, threadTs: string) =>
  fake.ok('chat.postMessage').filter((c) => c.args.channel === channel && c.args.thread_ts === threadTs);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  env = await startSlackEnv();
  ({ testDb, fake, t } = env);
});

afterAll(async () => env?.close());

describe('Slack customer side', () => {
  it('answers url_verification with the challenge', async () => {
    const r = await postSlack(t.url, { type: 'url_verification', token: 'x', challenge: 'abc123' }, SECRET);
    expect(r.status).toBe(200);
    expect(r.text).toContain('abc123');
  });

  it('mention in a channel -> one threaded reply (message + app_mention de-duplicate to one turn)', async () => {
    const ts = newTs();
    const event = { user: 'UCUST', text: '<@UBOT> How do I reset my password?', ts, channel: 'CGEN', event_ts: ts };
    const [a, b] = await Promise.all([
      postSlack(t.url, eventEnvelope({ ...event, type: 'app_mention' }), SECRET),
      postSlack(t.url, eventEnvelope({ ...event, type: 'message', channel_type: 'channel' }), SECRET),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(Math.max(a.ms, b.ms)).toBeLessThan(1500);
    await waitFor(() => repliesIn('CGEN', ts).length > 0, { what: 'threaded reply' });
    await sleep(300);
    expect(repliesIn('CGEN', ts)).toHaveLength(1);
    expect(await storedCount(`CGEN:${ts}`)).toBe(1);
    const stored = await testDb.db.query<{ text: string }>(`SELECT text FROM messages WHERE external_id = $1`, [
      `CGEN:${ts}`,
    ]);
    expect(stored.rows[0]?.text).toBe('How do I reset my password?');
  });

  it('DM -> reply in the DM', async () => {
    const ts = newTs();
    await postSlack(
      t.url,
      eventEnvelope({
        type: 'message',
        channel: 'D123',
        channel_type: 'im',
        user: 'UCUST',
        text: 'What payment methods do you accept?',
        ts,
      }),
      SECRET,
    );
    const reply = await waitFor(() => repliesIn('D123', ts)[0], { what: 'DM reply' });
    expect(String(reply.args.text).length).toBeGreaterThan(10);
  });

  it('rejects bad, old, future and missing signatures with 401 and stores nothing', async () => {
    const cases = [
      { tamper: (b: string) => b.replace('Hello', 'Hellp') },
      { timestamp: Math.floor(Date.now() / 1000) - 600 },
      { timestamp: Math.floor(Date.now() / 1000) + 600 },
    ];
    const tss: string[] = [];
    for (const options of cases) {
      const ts = newTs();
      tss.push(ts);
      const env = eventEnvelope({
        type: 'message',
        channel: 'D999',
        channel_type: 'im',
        user: 'UX',
        text: 'Hello there',
        ts,
      });
      const r = await postSlack(t.url, env, SECRET, options);
      expect(r.status).toBe(401);
    }
    const wrongSecret = await postSlack(
      t.url,
      eventEnvelope({ type: 'message', channel: 'D999', user: 'UX', text: 'Hello', ts: newTs() }),
      'nope',
    );
    expect(wrongSecret.status).toBe(401);
    const unsigned = await fetch(`${t.url}/slack/events`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(unsigned.status).toBe(401);
    await sleep(300);
    expect(await count(`SELECT count(*) AS n FROM messages WHERE external_id LIKE 'D999:%'`)).toBe(0);
    expect(fake.ok('chat.postMessage').filter((c) => c.args.channel === 'D999')).toHaveLength(0);
  });

  it('the same event 4 times (original + 3 retries, one concurrent) -> one stored message, one reply', async () => {
    const ts = newTs();
    const env = eventEnvelope(
      {
        type: 'message',
        channel: 'CSUP',
        channel_type: 'channel',
        user: 'UCUST',
        text: 'How do I export my data?',
        ts,
      },
      'EvRetry1',
    );
    const retry = (n: number) => ({
      headers: { 'X-Slack-Retry-Num': String(n), 'X-Slack-Retry-Reason': 'http_timeout' },
    });
    const first = postSlack(t.url, env, SECRET);
    const concurrent = postSlack(t.url, env, SECRET, retry(1));
    const results = [await first, await concurrent];
    results.push(await postSlack(t.url, env, SECRET, retry(2)));
    await waitFor(() => repliesIn('CSUP', ts).length > 0, { what: 'reply' });
    results.push(await postSlack(t.url, env, SECRET, retry(3)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await sleep(500);
    expect(await storedCount(`CSUP:${ts}`)).toBe(1);
    expect(repliesIn('CSUP', ts)).toHaveLength(1);
  });

  it('never answers itself or other bots', async () => {
    const own = newTs();
    const other = newTs();
    await postSlack(
      t.url,
      eventEnvelope({ type: 'message', channel: 'CSUP', user: 'UBOT', text: 'I am the bot', ts: own }),
      SECRET,
    );
    await postSlack(
      t.url,
      eventEnvelope({ type: 'message', channel: 'CSUP', user: 'UOTHER', bot_id: 'B999', text: 'beep', ts: other }),
      SECRET,
    );
    await sleep(400);
    expect(await storedCount(`CSUP:${own}`)).toBe(0);
    expect(await storedCount(`CSUP:${other}`)).toBe(0);
  });

  it('a 429 with Retry-After on chat.postMessage -> the reply arrives once, later', async () => {
    const ts = newTs();
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const t0 = Date.now();
    await postSlack(
      t.url,
      eventEnvelope({
        type: 'message',
        channel: 'D429',
        channel_type: 'im',
        user: 'UCUST',
        text: 'How do I reset my password?',
        ts,
      }),
      SECRET,
    );
    await waitFor(() => repliesIn('D429', ts).length > 0, { what: 'reply after 429', timeoutMs: 15_000 });
    const elapsed = Date.now() - t0;
    const limited = fake.calls.filter(
      (c) => c.method === 'chat.postMessage' && c.status === 429 && c.args.channel === 'D429',
    );
    expect(limited).toHaveLength(1);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    await sleep(300);
    expect(repliesIn('D429', ts)).toHaveLength(1);
    const d = await testDb.db.query<{ status: string; attempts: number; platform_message_ids: string[] }>(
      `SELECT d.status, d.attempts, d.platform_message_ids FROM deliveries d JOIN messages m ON m.id = d.message_id
        JOIN conversations c ON c.id = m.conversation_id WHERE c.external_key = $1`,
      [`D429:${ts}`],
    );
    expect(d.rows).toHaveLength(1);
    expect(d.rows[0]?.status).toBe('sent');
    expect(d.rows[0]?.platform_message_ids[0]).toBe(
      `D429:${repliesIn('D429', ts)[0] && fake.messages.find((m) => m.channel === 'D429')?.ts}`,
    );
  });

  it('a thumbs-down reaction on a bot reply is recorded as feedback', async () => {
    const botMsg = fake.messages.find((m) => m.channel === 'D123');
    expect(botMsg).toBeDefined();
    const r = await postSlack(
      t.url,
      eventEnvelope({
        type: 'reaction_added',
        user: 'UCUST',
        reaction: 'thumbsdown',
        item_user: 'UBOT',
        item: { type: 'message', channel: 'D123', ts: botMsg?.ts },
        event_ts: newTs(),
      }),
      SECRET,
    );
    expect(r.status).toBe(200);
    const row = await waitFor(
      async () =>
        (
          await testDb.db.query<{ rating: number }>(
            `SELECT rating FROM feedback WHERE channel = 'slack' AND rater = 'UCUST'`,
          )
        ).rows[0],
      { what: 'feedback row' },
    );
    expect(Number(row.rating)).toBe(-1);
  });
});
