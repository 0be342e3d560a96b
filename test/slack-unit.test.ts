/**
 * Slack adapter units: every shared fixture normalized as the fixtures README expects, mrkdwn
 * escaping and splitting, request timestamp/signature checks, error mapping, and the sender's
 * per-message progress against the fake Slack Web API (real HTTP).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackWebClient, toSwitchboardError } from '../adapters/slack/client.js';
import { escapeMrkdwn, formatOutbound, splitForSlack, toMrkdwn } from '../adapters/slack/format.js';
import {
  decideSlackEvent,
  type SlackMessageEvent,
  type SlackRouting,
  slackTextToPlain,
} from '../adapters/slack/normalize.js';
import { createSlackSender } from '../adapters/slack/sender.js';
import { isFreshSlackTimestamp, slackSignature, verifySlackSignature } from '../adapters/slack/verify.js';
import { sentProgressOf } from '../src/core/index.js';
import { type FakeSlack, startFakeSlack } from './fakes/fake-slack.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(here, '../../shared/fixtures/slack');
const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')).payload as { event: SlackMessageEvent };

const routing = (botUserId: string, support: string[] = [], staffChannel?: string): SlackRouting => ({
  identity: { botUserId, botId: 'BSELF' },
  supportChannels: new Set(support),
  staffChannel,
});
const decide = (name: string, r: SlackRouting) => decideSlackEvent(fixture(name).event, r);

describe('fixture normalization', () => {
  it('app_mention: answered, own mention stripped, eventId channel:ts', () => {
    const d = decide('app_mention', routing('W111'));
    expect(d.kind).toBe('customer');
    if (d.kind !== 'customer') return;
    expect(d.message).toMatchObject({
      channel: 'slack',
      eventId: 'C111:1595926230.009600',
      conversationKey: 'C111:1595926230.009600',
      customerId: 'W222',
      text: 'Hi there!',
      replyTarget: { channel: 'C111', threadTs: '1595926230.009600' },
    });
    expect(d.needsThreadCheck).toBe(false);
  });

  it('message + app_mention for the same post give the same eventId and text', () => {
    const mention = fixture('app_mention').event;
    const asMessage = { ...mention, type: 'message', channel_type: 'channel' };
    const a = decideSlackEvent(mention, routing('W111'));
    const b = decideSlackEvent(asMessage, routing('W111'));
    expect(a.kind === 'customer' && b.kind === 'customer' && a.message.eventId === b.message.eventId).toBe(true);
    if (a.kind === 'customer' && b.kind === 'customer') expect(b.message.text).toBe(a.message.text);
  });

  it('message_channel: own message ignored; answered in a support channel; else not addressed', () => {
    expect(decide('message_channel', routing('W111', ['C111']))).toEqual({ kind: 'ignore', reason: 'self' });
    expect(decide('message_channel', routing('UBOT', ['C111'])).kind).toBe('customer');
    expect(decide('message_channel', routing('UBOT'))).toEqual({ kind: 'ignore', reason: 'not_addressed' });
  });

  it('message_im: a DM is answered in its own thread', () => {
    const d = decide('message_im', routing('UBOT'));
    expect(d.kind === 'customer' && d.message.conversationKey).toBe('D024BE91L:1355517523.000005');
  });

  it('message_thread_reply: continues the parent thread conversation (checked when not addressed)', () => {
    const d = decide('message_thread_reply', routing('UBOT'));
    expect(d.kind).toBe('customer');
    if (d.kind !== 'customer') return;
    expect(d.message.conversationKey).toBe('C111:1726133698.626339');
    expect(d.message.eventId).toBe('C111:1726133700.887259');
    expect(d.needsThreadCheck).toBe(true);
    const inSupport = decide('message_thread_reply', routing('UBOT', ['C111']));
    expect(inSupport.kind === 'customer' && inSupport.needsThreadCheck).toBe(false);
  });

  it('bots, edits and deletes are never answered', () => {
    const r = routing('UBOT', ['C111']);
    expect(decide('message_bot_message', r)).toEqual({ kind: 'ignore', reason: 'bot' });
    expect(decide('message_from_other_app', r)).toEqual({ kind: 'ignore', reason: 'bot' });
    expect(decide('message_changed', r)).toEqual({ kind: 'ignore', reason: 'subtype' });
    expect(decide('message_deleted', r)).toEqual({ kind: 'ignore', reason: 'subtype' });
    expect(decide('member_joined_channel', routing('W123ABC456'))).toEqual({ kind: 'ignore', reason: 'event_type' });
  });

  it('message_file_share_image: image becomes an attachment', () => {
    const d = decide('message_file_share_image', routing('UBOT', ['C111']));
    expect(d.kind === 'customer' && d.message.attachments).toEqual([
      {
        url: 'https://files.slack.com/files-pri/T111-F111/file.png',
        name: 'file.png',
        contentType: 'image/png',
        sizeBytes: 92582,
        width: 1134,
        height: 362,
      },
    ]);
  });

  it('message_thread_broadcast: a thread reply of the root conversation', () => {
    const d = decide('message_thread_broadcast', routing('UBOT', ['C111']));
    expect(d.kind === 'customer' && d.message.conversationKey).toBe('C111:1633663824.000500');
  });

  it('reaction_added on the bot message: feedback with platformMessageId channel:ts', () => {
    expect(decide('reaction_added', routing('U222222222'))).toEqual({
      kind: 'feedback',
      feedback: {
        channel: 'slack',
        platformMessageId: 'C123ABC456:1360782400.498405',
        rating: 1,
        raw: 'thumbsup',
        userId: 'U123ABC456',
      },
    });
    expect(decide('reaction_added', routing('UBOT'))).toEqual({ kind: 'ignore', reason: 'not_our_message' });
  });

  it('a thread reply in the staff channel is a staff reply, never a customer message', () => {
    const d = decide('message_thread_reply', routing('UBOT', ['C111'], 'C111'));
    expect(d).toMatchObject({ kind: 'staff_reply', reply: { threadId: '1726133698.626339', userId: 'W222' } });
    expect(decide('message_channel', routing('UBOT', [], 'C111'))).toEqual({ kind: 'ignore', reason: 'staff_channel' });
  });

  it('renders Slack markup as plain text for agents', () => {
    expect(slackTextToPlain('<@UBOT> see <https://x.io|docs> in <#C1|general> &amp; ask <@U2|ann> &lt;3', 'UBOT')).toBe(
      'see docs (https://x.io) in #general & ask @ann <3',
    );
  });
});

describe('formatting', () => {
  it('escapes &, <, > so model text cannot ping', () => {
    const out = toMrkdwn('Hey <!channel> <!here> <!everyone> <@U123> & @here @channel');
    expect(out).not.toMatch(/<!|<@/);
    expect(out).toContain('&lt;!channel&gt;');
    expect(out).toContain('&amp;');
    expect(out).not.toMatch(/@here|@channel/);
    expect(escapeMrkdwn('a<b>&')).toBe('a&lt;b&gt;&amp;');
  });

  it('converts Markdown to mrkdwn', () => {
    expect(toMrkdwn('# Title\n**bold** and [docs](https://ex.com/a?b=1&c=2)\n- item')).toBe(
      '*Title*\n*bold* and <https://ex.com/a?b=1&amp;c=2|docs>\n• item',
    );
  });

  it('splits long text on paragraph and sentence boundaries within the limit', () => {
    const para = 'This is a sentence about billing. '.repeat(40).trim();
    const text = [para, para, para, para].join('\n\n');
    const chunks = splitForSlack(text, 3000);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(3000);
      expect(c.endsWith('.')).toBe(true);
    }
    expect(chunks.join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
    expect(splitForSlack('x'.repeat(7000), 3000).every((c) => c.length <= 3000)).toBe(true);
  });

  it('re-opens a code fence cut by a split', () => {
    const code = `\`\`\`\n${'line of code\n'.repeat(400)}\`\`\``;
    const chunks = splitForSlack(code, 3000);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect((c.match(/```/g) ?? []).length % 2).toBe(0);
  });

  it('prefixes staff replies with the author name', () => {
    expect(formatOutbound({ text: 'Hi', author: 'staff', authorName: 'Ana' })).toEqual(['*Ana* (support team): Hi']);
  });
});

describe('request verification', () => {
  const secret = 's3cret';
  const now = Date.now();
  const ts = String(Math.floor(now / 1000));
  it('accepts a fresh, correctly signed body', () => {
    const sig = slackSignature(secret, ts, '{"a":1}');
    expect(verifySlackSignature(secret, { timestamp: ts, signature: sig }, '{"a":1}', now)).toBe(true);
  });
  it('rejects tampered bodies, old and future timestamps', () => {
    const sig = slackSignature(secret, ts, '{"a":1}');
    expect(verifySlackSignature(secret, { timestamp: ts, signature: sig }, '{"a":2}', now)).toBe(false);
    expect(isFreshSlackTimestamp(String(Number(ts) - 301), now)).toBe(false);
    expect(isFreshSlackTimestamp(String(Number(ts) + 301), now)).toBe(false);
    expect(isFreshSlackTimestamp(String(Number(ts) + 100), now)).toBe(true);
    expect(isFreshSlackTimestamp('abc', now)).toBe(false);
  });
});

describe('sender against the fake Slack Web API', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => fake.close());

  const msg = (messageId: string, text: string) => ({
    channel: 'slack' as const,
    conversationKey: 'C9:111.000',
    messageId,
    conversationId: 'c1',
    text,
    author: 'bot' as const,
    replyTarget: { channel: 'C9', threadTs: '111.000' },
  });

  it('a 429 throws rate_limited with the Retry-After delay; the retry posts the reply once', async () => {
    const client = createSlackWebClient({ token: 'xoxb-test', apiUrl: fake.url, timeoutMs: 2000 });
    const send = createSlackSender({ client, chunkChars: 100 });
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    const before = fake.messages.length;
    await expect(send(msg('m1', 'Short answer.'))).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 2000 });
    expect(fake.messages.length).toBe(before);
    const r = await send(msg('m1', 'Short answer.'));
    expect(r.platformMessageIds).toHaveLength(1);
    expect(r.platformMessageIds[0]).toMatch(/^C9:\d+\.\d+$/);
    expect(fake.messages.slice(before).map((m) => [m.text, m.thread_ts])).toEqual([['Short answer.', '111.000']]);
  });

  it('a 429 on chunk 2 of 3: the retry posts only the missing chunks (no duplicate, nothing dropped)', async () => {
    const client = createSlackWebClient({ token: 'xoxb-test', apiUrl: fake.url, timeoutMs: 2000 });
    const send = createSlackSender({ client, chunkChars: 100 });
    const text = ['Alpha', 'Beta', 'Gamma'].map((w) => `${w} sentence here. `.repeat(4).trim()).join('\n\n');
    expect(splitForSlack(text, 100)).toHaveLength(3);
    const before = fake.messages.length;
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, 1, 1);
    await expect(send(msg('m2', text))).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 1000 });
    expect(fake.messages.length).toBe(before + 1);
    const r = await send(msg('m2', text));
    const posted = fake.messages.slice(before);
    expect(posted).toHaveLength(3);
    expect(posted.map((m) => m.text)).toEqual(splitForSlack(text, 100));
    expect(r.platformMessageIds).toEqual(posted.map((m) => `C9:${m.ts}`));
  });

  it('a retry on another worker resumes from the progress kept on the outbox row', async () => {
    const client = createSlackWebClient({ token: 'xoxb-test', apiUrl: fake.url, timeoutMs: 2000 });
    const first = createSlackSender({ client, chunkChars: 100 });
    const other = createSlackSender({ client, chunkChars: 100 }); // no shared memory
    const text = ['One', 'Two', 'Three'].map((w) => `${w} sentence here. `.repeat(4).trim()).join('\n\n');
    const before = fake.messages.length;
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, 1, 1);
    const err = await first(msg('m3', text)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'rate_limited' });
    const progress = sentProgressOf(err);
    expect(progress).toHaveLength(1);
    const r = await other({ ...msg('m3', text), alreadySent: progress });
    const posted = fake.messages.slice(before);
    expect(posted.map((m) => m.text)).toEqual(splitForSlack(text, 100));
    expect(r.platformMessageIds).toEqual(posted.map((m) => `C9:${m.ts}`));
  });

  it('maps Slack errors: permanent vs retryable', () => {
    const perm = toSwitchboardError({ code: 'slack_webapi_platform_error', data: { error: 'channel_not_found' } }, 'x');
    expect(perm.isRetryable).toBe(false);
    const transient = toSwitchboardError({ code: 'slack_webapi_request_error', message: 'timeout' }, 'x');
    expect(transient.isRetryable).toBe(true);
    const limited = toSwitchboardError({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 }, 'x');
    expect(limited).toMatchObject({ code: 'rate_limited', retryAfterMs: 7000 });
  });
});
