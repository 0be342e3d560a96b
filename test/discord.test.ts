/**
 * Discord adapter against the fake Discord (real WebSocket gateway + real HTTP REST on 127.0.0.1),
 * fed with the shared gateway fixtures.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../adapters/discord/index.js';
import { openFence } from '../adapters/discord/split-message.js';
import { configWith } from '../src/config.js';
import { isSwitchboardError, type OutboundMessage } from '../src/core/index.js';
import { createRecordingHandlers, type RecordingHandlers, waitFor } from './conformance/channel-adapter-suite.js';
import { createFakeDiscord, type FakeDiscord, IDS } from './fakes/fake-discord.js';

let fake: FakeDiscord;
let adapter: DiscordAdapter;
let handlers: RecordingHandlers;

beforeAll(async () => {
  fake = await createFakeDiscord();
  const config = configWith({
    DISCORD_BOT_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_SUPPORT_CHANNELS: IDS.general,
  });
  adapter = createDiscordAdapter(config, { rest: { timeoutMs: 700, retries: 1 } });
  handlers = createRecordingHandlers();
  await adapter.start(handlers);
});
afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
});

const settle = (ms = 200) => new Promise((r) => setTimeout(r, ms));
const byEvent = (id: string) => handlers.messages.filter((m) => m.eventId === id);
const callsTo = (re: RegExp) => fake.calls.filter((c) => re.test(`${c.method} ${c.path}`));

function reply(
  target: { conversationKey: string; replyTarget: Record<string, string> },
  text: string,
): OutboundMessage {
  return {
    channel: 'discord',
    conversationKey: target.conversationKey,
    messageId: randomUUID(),
    conversationId: randomUUID(),
    text,
    author: 'bot',
    replyTarget: target.replyTarget,
  };
}

describe('gateway fixtures', () => {
  it('connects with the documented intents and learns the bot id from READY', () => {
    expect(adapter.botId).toBe(IDS.bot);
    const intents = fake.gateway.stats.intents[0] ?? 0;
    // GUILDS 1, GUILD_MESSAGES 512, GUILD_MESSAGE_REACTIONS 1024, DIRECT_MESSAGES 4096,
    // DIRECT_MESSAGE_REACTIONS 8192, MESSAGE_CONTENT 32768
    for (const bit of [1, 512, 1024, 4096, 8192, 32768]) expect(intents & bit).toBe(bit);
  });

  it('message in a support channel -> thread from the message, conversation = thread, reply in the thread', async () => {
    fake.dispatchFixture('message_create_guild_plain');
    const [msg] = await waitFor(() => (byEvent('867793854505943041').length ? byEvent('867793854505943041') : null));
    expect(callsTo(/^POST \/channels\/772908445358620702\/messages\/867793854505943041\/threads$/)).toHaveLength(1);
    expect(msg).toMatchObject({
      channel: 'discord',
      conversationKey: '867793854505943041',
      customerId: IDS.human,
      customerName: 'ian',
      text: 'some message',
      replyTarget: { channelId: '867793854505943041', guildId: IDS.guild },
    });
    const sent = await adapter.send(reply(msg!, 'Thanks, looking into it.'));
    expect(sent.platformMessageIds).toHaveLength(1);
    const post = callsTo(/^POST \/channels\/867793854505943041\/messages$/).at(-1);
    expect(post?.body).toMatchObject({ content: 'Thanks, looking into it.', enforce_nonce: true });
    // A later customer message in that thread continues the same conversation (no new thread).
    const later = fake.customerMessage({ kind: 'thread', channelId: '867793854505943041', content: 'still broken' });
    const [next] = await waitFor(() => (byEvent(String(later.id)).length ? byEvent(String(later.id)) : null));
    expect(next?.conversationKey).toBe('867793854505943041');
    expect(callsTo(/threads$/).filter((c) => c.path.includes(String(later.id)))).toHaveLength(0);
  });

  it('mention elsewhere -> answered with the mention stripped; plain message elsewhere -> ignored', async () => {
    const other = '772908445358620799';
    fake.dispatchFixture('message_create_mention_bot', { channel_id: other });
    const [msg] = await waitFor(() => (byEvent('867793947861188608').length ? byEvent('867793947861188608') : null));
    expect(msg?.text).toBe('some message');
    expect(msg?.conversationKey).toBe('867793947861188608');
    expect(callsTo(new RegExp(`^POST /channels/${other}/messages/867793947861188608/threads$`))).toHaveLength(1);
    const plain = fake.customerMessage({ channelId: other, content: 'just chatting' });
    await settle();
    expect(byEvent(String(plain.id))).toHaveLength(0);
  });

  it('DM -> conversation = DM channel, reply posted to the DM channel', async () => {
    fake.dispatchFixture('message_create_dm');
    const [msg] = await waitFor(() => (byEvent('334385199974967042').length ? byEvent('334385199974967042') : null));
    expect(msg).toMatchObject({ conversationKey: IDS.dmChannel, customerId: IDS.dmUser, text: 'Supa Hot' });
    await adapter.send(reply(msg!, 'Hi there'));
    expect(callsTo(new RegExp(`^POST /channels/${IDS.dmChannel}/messages$`)).at(-1)?.body?.content).toBe('Hi there');
  });

  it('reply to the bot -> answered; attachments normalized', async () => {
    fake.dispatchFixture('message_create_reply');
    await waitFor(() => byEvent('867794121731866624').length === 1);
    fake.dispatchFixture('message_create_attachment');
    const [msg] = await waitFor(() => (byEvent('867793884942434304').length ? byEvent('867793884942434304') : null));
    expect(msg?.text).toBe('');
    expect(msg?.attachments).toHaveLength(2);
    expect(msg?.attachments[0]).toMatchObject({
      name: 'my_image.png',
      contentType: 'image/png',
      width: 2482,
      height: 604,
      sizeBytes: 241394,
    });
    expect(msg?.attachments[1]).toMatchObject({ name: 'error_log.txt', contentType: 'text/plain; charset=utf-8' });
  });

  it('ignores other bots, its own messages, edits and thread creations', async () => {
    const before = handlers.messages.length;
    fake.dispatchFixture('message_create_from_bot');
    fake.dispatchFixture('message_create_guild_plain', {
      id: fake.snowflake(),
      author: { id: IDS.bot, username: 'VoltyDemo', bot: true, discriminator: '7302', avatar: null },
    });
    fake.dispatchFixture('message_update');
    fake.dispatchFixture('thread_create');
    await settle(300);
    expect(handlers.messages.length).toBe(before);
  });

  it('reactions on bot replies -> onFeedback with the platform id send() returned', async () => {
    fake.dispatchFixture('message_reaction_add');
    await waitFor(() => handlers.feedback.find((f) => f.platformMessageId === '867793906425659392'));
    expect(handlers.feedback.at(-1)).toMatchObject({ channel: 'discord', rating: 1, raw: '🔥', userId: IDS.human });
    const { platformMessageIds } = await adapter.send(
      reply({ conversationKey: IDS.dmChannel, replyTarget: { channelId: IDS.dmChannel } }, 'Did that help?'),
    );
    const id = platformMessageIds[0]!;
    fake.dispatchFixture('message_reaction_add', {
      message_id: id,
      channel_id: IDS.dmChannel,
      guild_id: undefined,
      member: undefined,
      emoji: { id: null, name: '👎' },
      user_id: IDS.dmUser,
    });
    const fb = await waitFor(() => handlers.feedback.find((f) => f.platformMessageId === id));
    expect(fb.rating).toBe(-1);
  });
});

describe('delivery', () => {
  const target = { conversationKey: IDS.dmChannel, replyTarget: { channelId: IDS.dmChannel } };

  it('a 5,000-character answer with a code block -> chunks <= 2000 with balanced fences and distinct nonces', async () => {
    const prose = Array.from({ length: 40 }, (_, i) => `Step ${i}: check the setting and save.`).join(' ');
    const code = Array.from({ length: 70 }, (_, i) => `curl -s https://api.example.test/v1/items/${i}`).join('\n');
    const text = `${prose}\n\n\`\`\`bash\n${code}\n\`\`\`\n\n${prose}`;
    expect(text.length).toBeGreaterThan(5000);
    const n = fake.created.length;
    const res = await adapter.send(reply(target, text));
    const posted = fake.created.slice(n).map((m) => String(m.content));
    expect(res.platformMessageIds).toHaveLength(posted.length);
    expect(posted.length).toBeGreaterThanOrEqual(3);
    for (const c of posted) {
      expect(c.length).toBeLessThanOrEqual(2000);
      expect(openFence(c)).toBeNull();
    }
    expect(posted.some((c, i) => i > 0 && c.startsWith('```bash\n'))).toBe(true);
    const bodies = fake.calls.slice(-posted.length).map((c) => c.body);
    expect(new Set(bodies.map((b) => b?.nonce)).size).toBe(posted.length);
    for (const b of bodies) expect(String(b?.nonce).length).toBeLessThanOrEqual(25);
  });

  it('"@everyone" in model text does not ping: allowed_mentions parses nothing, no reply ping', async () => {
    await adapter.send({
      ...reply(target, 'Hey @everyone and @here, <@167348773423415296> <@&785609923542777878>'),
      replyTarget: { channelId: IDS.dmChannel, replyToMessageId: '334385199974967042' },
    });
    const body = fake.calls.at(-1)?.body;
    expect(body?.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(body?.message_reference).toMatchObject({ message_id: '334385199974967042', fail_if_not_exists: false });
  });

  it('sending the same message twice posts it once (nonce + enforce_nonce)', async () => {
    const msg = reply(target, 'Only once, please.');
    const n = fake.created.length;
    const a = await adapter.send(msg);
    const b = await adapter.send(msg);
    expect(b.platformMessageIds).toEqual(a.platformMessageIds);
    expect(fake.created.length).toBe(n + 1);
  });

  it('a surfaced 429 -> rate_limited with retryAfterMs; 5xx and timeouts retryable; 403 not', async () => {
    const attempt = async () => {
      try {
        await adapter.send(reply(target, 'x'));
        return null;
      } catch (err) {
        return err;
      }
    };
    fake.fail({ kind: 'ratelimit', retryAfterMs: 8000 }, 1);
    const limited = await attempt();
    expect(isSwitchboardError(limited) && limited.code).toBe('rate_limited');
    expect(isSwitchboardError(limited) && limited.retryAfterMs).toBeGreaterThanOrEqual(8000);
    fake.fail({ kind: 'status', status: 503 }, 2);
    const unavailable = await attempt();
    expect(isSwitchboardError(unavailable) && unavailable.isRetryable).toBe(true);
    fake.fail({ kind: 'hang' }, 2);
    const timedOut = await attempt();
    expect(isSwitchboardError(timedOut) && timedOut.isRetryable).toBe(true);
    fake.fail({ kind: 'status', status: 403, code: 50013 }, 1);
    const forbidden = await attempt();
    expect(isSwitchboardError(forbidden) && forbidden.isRetryable).toBe(false);
    fake.fail(null);
  });
});

describe('reconnects', () => {
  it('gateway close + resume does not duplicate: the re-sent MESSAGE_CREATE is not delivered twice', async () => {
    const first = fake.customerMessage({ content: 'before the drop' });
    await waitFor(() => byEvent(String(first.id)).length === 1);
    fake.gateway.replayLastMessageOnResume = true;
    const resumesBefore = fake.gateway.stats.resumes;
    fake.gateway.closeSockets(4000);
    await waitFor(() => fake.gateway.stats.resumes > resumesBefore, 10_000, 'resume');
    expect(fake.gateway.stats.replayed).toBe(1);
    const after = fake.customerMessage({ content: 'after the resume' });
    await waitFor(() => byEvent(String(after.id)).length === 1);
    await settle(300);
    expect(byEvent(String(first.id))).toHaveLength(1);
    expect(callsTo(new RegExp(`/messages/${String(first.id)}/threads$`))).toHaveLength(1);
    expect(fake.gateway.stats.identifies).toBe(1);
  });
});

describe('configuration edges', () => {
  it('DISCORD_GATEWAY_URL overrides the gateway URL from GET /gateway/bot; no thread permission -> inline reply', async () => {
    const other = await createFakeDiscord({
      advertisedGatewayUrl: 'ws://127.0.0.1:9/unreachable',
      noThreadChannels: [IDS.general],
    });
    const a = createDiscordAdapter(
      configWith({
        DISCORD_BOT_TOKEN: other.token,
        DISCORD_API_URL: other.apiUrl,
        DISCORD_GATEWAY_URL: other.gatewayUrl,
        DISCORD_SUPPORT_CHANNELS: IDS.general,
      }),
      { readyTimeoutMs: 5000 },
    );
    const h = createRecordingHandlers();
    try {
      await a.start(h);
      expect(a.botId).toBe(IDS.bot);
      const m = other.customerMessage({ content: 'help please' });
      const msg = await waitFor(() => h.messages.find((x) => x.eventId === m.id));
      expect(msg.conversationKey).toBe(`${IDS.general}:${IDS.human}`);
      await a.send(reply(msg, 'Here is how.'));
      const body = other.calls.at(-1)?.body;
      expect(other.calls.at(-1)?.path).toBe(`/channels/${IDS.general}/messages`);
      expect(body?.message_reference).toMatchObject({ message_id: m.id });
      expect(body?.allowed_mentions).toEqual({ parse: [], replied_user: false });
    } finally {
      await a.stop();
      await other.close();
    }
  });
});
