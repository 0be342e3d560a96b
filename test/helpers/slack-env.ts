/** A Slack-enabled runtime on a fresh Postgres database, talking to the fake Slack Web API. */
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import { createPostgresTestDb, type TestDb } from './db.js';
import { startTestRuntime, type TestRuntime } from './runtime.js';

export const SLACK_SECRET = 'test-signing-secret';
export const SLACK_STAFF = 'CSTAFF';
export const SLACK_SUPPORT = 'CSUP';

/** Everything a Slack end-to-end test file shares. */
export interface SlackEnv {
  testDb: TestDb;
  fake: FakeSlack;
  t: TestRuntime;
  /** A fresh Slack ts (unique per test event). */
  newTs(): string;
  close(): Promise<void>;
}

/** Start Postgres + fake Slack (bot UBOT/BBOT, staff user USTAFF1 "ana") + the runtime. */
export async function startSlackEnv(env: Record<string, string> = {}): Promise<SlackEnv> {
  const testDb = await createPostgresTestDb();
  const fake = await startFakeSlack({ user_id: 'UBOT', bot_id: 'BBOT' });
  fake.users.set('USTAFF1', { name: 'ana', real_name: 'Ana Staff' });
  fake.users.set('USTAFF2', { name: 'ben', real_name: 'Ben Staff' });
  const t = await startTestRuntime({
    DATABASE_URL: testDb.url,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_API_URL: fake.url,
    SLACK_SUPPORT_CHANNELS: SLACK_SUPPORT,
    SLACK_STAFF_CHANNEL: SLACK_STAFF,
    ...env,
  });
  let seq = 0;
  return {
    testDb,
    fake,
    t,
    newTs: () => `${Math.floor(Date.now() / 1000)}.${String(100000 + ++seq)}`,
    async close() {
      await t.runtime.stop();
      await fake.close();
      await testDb.drop();
    },
  };
}
