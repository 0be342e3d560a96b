/**
 * Discord staff authorization through the runtime on real Postgres and the fake Discord: only
 * members with DISCORD_STAFF_ROLE may claim, resolve or reply; others get an ephemeral refusal (a
 * thread note for typed messages) and nothing changes. Without DISCORD_STAFF_ROLE every staff action
 * is refused. Customer text in the packet is escaped (no masked links, no markdown, no pings).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { escapeDiscordText } from '../adapters/discord/escape.js';
import { IDS } from './fakes/fake-discord.js';
import { DISCORD_STAFF, type DiscordStaffEnv, startDiscordStaffEnv } from './helpers/discord-staff-env.js';
import { waitFor } from './helpers/wait.js';

const OUTSIDER = '300000000000000009';
const envs: DiscordStaffEnv[] = [];
afterAll(async () => {
  for (const e of envs) await e.close();
});

/** Start an env, open an escalation for a DM customer, return it with the packet thread id. */
async function escalated(env: Record<string, string> = {}) {
  const e = await startDiscordStaffEnv(env);
  envs.push(e);
  const { fake, testDb, t } = e;
  fake.dispatchFixture('message_create_dm', { id: fake.snowflake(), content: 'My invoice shows a double charge' });
  await waitFor(() => e.postedIn(IDS.dmChannel).length > 0, { what: 'bot reply in DM', timeoutMs: 30_000 });
  const conv = await testDb.db.query<{ id: string }>(
    "SELECT id FROM conversations WHERE channel = 'discord' AND external_key = $1",
    [IDS.dmChannel],
  );
  const conversationId = conv.rows[0]!.id;
  const escalation =
    (await t.runtime.escalations.activeFor(conversationId)) ??
    (await t.runtime.escalations.open({
      conversationId,
      reason: 'customer_request',
      summary: 'See [your invoice](https://evil.example) **now** @everyone',
      packet: {},
    }));
  const packet = await waitFor(() => e.postedIn(DISCORD_STAFF)[0], { what: 'packet', timeoutMs: 20_000 });
  const status = async () =>
    (await testDb.db.query<{ status: string }>('SELECT status FROM escalations WHERE id = $1', [escalation.id])).rows[0]
      ?.status;
  return { e, escalationId: escalation.id, threadId: String(packet.id), packet, status };
}

const ephemeralRefusal = (e: DiscordStaffEnv) =>
  waitFor(() =>
    e.fake.calls.find(
      (c) =>
        /^\/webhooks\/\d+\/[^/]+$/.test(c.path) &&
        JSON.stringify(c.body ?? '').includes('nothing was changed') &&
        ((c.body as { flags?: number }).flags ?? 0) & 64,
    ),
  );

describe('Discord staff authorization', () => {
  it('escapes customer text in the packet: no masked link, no markdown, no mass ping', () => {
    expect(escapeDiscordText('See [your invoice](https://evil.example) **now** @everyone <@&1>')).toBe(
      'See \\[your invoice\\](https://evil.example) \\*\\*now\\*\\* @\u200Beveryone \\<@&1>',
    );
  });

  it('with DISCORD_STAFF_ROLE: a member without the role is refused; a member with it claims', async () => {
    const { e, escalationId, threadId, packet, status } = await escalated();
    expect(String(packet.content)).not.toMatch(/(?<!\\)\[your invoice(?<!\\)\]\(/);
    const post = e.fake.calls.find((c) => c.method === 'POST' && c.path === `/channels/${DISCORD_STAFF}/messages`);
    expect(post?.body?.allowed_mentions).toMatchObject({ parse: [] });
    expect(String(packet.content)).toContain('\\[your invoice\\]');

    e.fake.clickButton({ customId: `sb:claim:${escalationId}`, messageId: threadId, userId: OUTSIDER, roles: [] });
    await ephemeralRefusal(e);
    expect(await status()).toBe('open');

    e.fake.customerMessage({
      kind: 'thread',
      channelId: threadId,
      content: '!claim',
      authorId: OUTSIDER,
      memberRoles: [],
    });
    await waitFor(() => e.postedIn(threadId).find((m) => String(m.content).includes('support staff role')));
    expect(await status()).toBe('open');

    e.fake.clickButton({ customId: `sb:claim:${escalationId}`, messageId: threadId, userId: '300000000000000001' });
    await waitFor(async () => (await status()) === 'claimed', { what: 'claimed by a staff-role member' });
  });

  it('without DISCORD_STAFF_ROLE every staff action from Discord is refused (packets still posted)', async () => {
    const { e, escalationId, threadId, status } = await escalated({ DISCORD_STAFF_ROLE: '' });
    e.fake.clickButton({ customId: `sb:claim:${escalationId}`, messageId: threadId });
    await ephemeralRefusal(e);
    await new Promise((r) => setTimeout(r, 200));
    expect(await status()).toBe('open');
  });
});
