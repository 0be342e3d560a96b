/** A Discord runtime with a staff channel, on a fresh Postgres database and the fake Discord. */
import { createFakeDiscord, type FakeDiscord, IDS } from '../fakes/fake-discord.js';
import { createPostgresTestDb, type TestDb } from './db.js';
import { startTestRuntime, type TestRuntime } from './runtime.js';

/** The staff channel the fake guild gets beside #general. */
export const DISCORD_STAFF = '772908445358620703';

/** Everything a Discord staff test file shares. */
export interface DiscordStaffEnv {
  testDb: TestDb;
  fake: FakeDiscord;
  t: TestRuntime;
  /** Messages the bot created in `channelId`. */
  postedIn(channelId: string): FakeDiscord['created'];
  close(): Promise<void>;
}

/** Start Postgres + fake Discord (support channel #general, staff channel) + the runtime. */
export async function startDiscordStaffEnv(env: Record<string, string> = {}): Promise<DiscordStaffEnv> {
  const testDb = await createPostgresTestDb();
  const fake = await createFakeDiscord({
    extraChannels: [
      {
        id: DISCORD_STAFF,
        type: 0,
        name: 'support-staff',
        guild_id: IDS.guild,
        parent_id: null,
        position: 2,
        permission_overwrites: [],
      },
    ],
  });
  const t = await startTestRuntime({
    DATABASE_URL: testDb.url,
    DISCORD_BOT_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_SUPPORT_CHANNELS: IDS.general,
    DISCORD_STAFF_CHANNEL: DISCORD_STAFF,
    DISCORD_STAFF_ROLE: IDS.memberRole,
    ...env,
  });
  return {
    testDb,
    fake,
    t,
    postedIn: (channelId) => fake.created.filter((m) => m.channel_id === channelId),
    async close() {
      await t.runtime.stop();
      await fake.close();
      await testDb.drop();
    },
  };
}
