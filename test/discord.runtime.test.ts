/**
 * Discord end to end through the real runtime on real Postgres, with the fake Discord gateway + REST:
 * customer message -> thread -> exactly one bot reply; resume does not duplicate; a reply stored while
 * Discord refuses is delivered exactly once by a NEW runtime on the same database; feedback recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeDiscord, type FakeDiscord, IDS } from './fakes/fake-discord.js';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';
import { waitFor } from './helpers/wait.js';

let testDb: TestDb;
let fake: FakeDiscord;
let t: TestRuntime | undefined;

const env = () => ({
  DATABASE_URL: testDb.url,
  DISCORD_BOT_TOKEN: fake.token,
  DISCORD_API_URL: fake.apiUrl,
  DISCORD_SUPPORT_CHANNELS: IDS.general,
});
const count = async (sql: string, params: unknown[] = []) =>
  Number((await testDb.db.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0);
/** Bot replies stored for the conversation whose Discord key is `key`. */
const botReplies = (key: string) =>
  count(
    `SELECT count(*) AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id
     WHERE c.channel = 'discord' AND c.external_key = $1 AND m.role = 'bot'`,
    [key],
  );
/** Messages the bot posted into a Discord channel. */
const postedIn = (channelId: string) => fake.created.filter((m) => m.channel_id === channelId);
const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  testDb = await createPostgresTestDb();
  fake = await createFakeDiscord();
  t = await startTestRuntime(env());
});
afterAll(async () => {
  await t?.runtime.stop();
  await fake?.close();
  await testDb?.drop();
});

describe('Discord through the runtime', () => {
  it('support-channel message -> thread -> one reviewed bot reply in the thread; resume does not duplicate', async () => {
    const msg = fake.customerMessage({ content: 'How do I reset my password?' });
    const threadId = String(msg.id);
    await waitFor(() => postedIn(threadId).length > 0, { what: 'bot reply in the thread' });
    await waitFor(async () => (await count("SELECT count(*) AS n FROM deliveries WHERE status = 'sent'")) === 1);
    const sent = await testDb.db.query<{ platform_message_ids: string[] }>(
      "SELECT platform_message_ids FROM deliveries WHERE status = 'sent'",
    );
    expect(sent.rows[0]?.platform_message_ids).toEqual(postedIn(threadId).map((m) => m.id));
    for (const m of postedIn(threadId)) expect(String(m.content).length).toBeLessThanOrEqual(2000);

    // Gateway drops; discord.js resumes; the fake re-sends the customer's MESSAGE_CREATE.
    fake.gateway.replayLastMessageOnResume = true;
    const resumes = fake.gateway.stats.resumes;
    fake.gateway.closeSockets(4000);
    await waitFor(() => fake.gateway.stats.resumes > resumes, { what: 'resume' });
    fake.gateway.replayLastMessageOnResume = false;
    expect(fake.gateway.stats.replayed).toBe(1);
    await settle();
    expect(await botReplies(threadId)).toBe(1);
    expect(await count('SELECT count(*) AS n FROM messages WHERE external_id = $1', [threadId])).toBe(1);

    // The customer continues in the thread: same conversation, a second reply.
    fake.customerMessage({ kind: 'thread', channelId: threadId, content: 'What payment methods do you accept?' });
    await waitFor(async () => (await botReplies(threadId)) === 2, { what: 'second reply' });
    expect(await count("SELECT count(*) AS n FROM conversations WHERE channel = 'discord'")).toBe(1);
  });

  it('DM -> reply in the DM; a reaction on the reply is recorded as feedback', async () => {
    fake.dispatchFixture('message_create_dm', { id: fake.snowflake(), content: 'How do I reset my password?' });
    const [reply] = await waitFor(() => (postedIn(IDS.dmChannel).length ? postedIn(IDS.dmChannel) : null));
    expect(reply?.content).toEqual(expect.any(String));
    fake.dispatchFixture('message_reaction_add', {
      message_id: reply?.id,
      channel_id: IDS.dmChannel,
      guild_id: undefined,
      member: undefined,
      user_id: IDS.dmUser,
      emoji: { id: null, name: '👍' },
    });
    await waitFor(async () => (await count('SELECT count(*) AS n FROM feedback')) >= 1, { what: 'feedback row' });
  });

  it('a reply stored while Discord refuses is delivered exactly once after a restart on the same database', async () => {
    fake.fail({ kind: 'status', status: 503 });
    const msg = fake.customerMessage({ content: 'Can I change my billing plan?' });
    const threadId = String(msg.id);
    // Reply stored, delivery attempted and refused (pending, backing off).
    const row = await waitFor(
      async () =>
        (
          await testDb.db.query<{ id: string; next_attempt_at: Date }>(
            `SELECT d.id, d.next_attempt_at FROM deliveries d JOIN messages m ON m.id = d.message_id
             JOIN conversations c ON c.id = m.conversation_id
             WHERE c.external_key = $1 AND d.status = 'pending' AND d.attempts >= 2`,
            [threadId],
          )
        ).rows[0],
      { what: 'refused delivery' },
    );
    await t?.runtime.stop();
    t = undefined;
    expect(postedIn(threadId)).toHaveLength(0);
    expect(await botReplies(threadId)).toBe(1);

    // Discord is back; a new process starts on the same database.
    fake.fail(null);
    const latest = await testDb.db.query<{ next_attempt_at: Date }>(
      'SELECT next_attempt_at FROM deliveries WHERE id = $1',
      [row.id],
    );
    const waitMs = new Date(latest.rows[0]!.next_attempt_at).getTime() - Date.now() + 100;
    if (waitMs > 0) await settle(waitMs);
    t = await startTestRuntime(env());
    await waitFor(
      async () =>
        (await count("SELECT count(*) AS n FROM deliveries WHERE id = $1 AND status = 'sent'", [row.id])) === 1,
      {
        what: 'delivery after restart',
      },
    );
    const posted = postedIn(threadId).length;
    expect(posted).toBeGreaterThanOrEqual(1);

    // Discord may deliver the same message again to the new process: stored once, no second reply.
    fake.dispatchFixture('message_create_guild_plain', { id: threadId, content: 'Can I change my billing plan?' });
    await settle(600);
    expect(postedIn(threadId)).toHaveLength(posted);
    expect(await botReplies(threadId)).toBe(1);
    expect(await count('SELECT count(*) AS n FROM messages WHERE external_id = $1', [threadId])).toBe(1);
  });
});
