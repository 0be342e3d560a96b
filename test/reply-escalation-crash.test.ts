/**
 * Reply and escalation together (issue 11.6), on real Postgres + Redis: a worker process is killed
 * (SIGKILL, test hook SWITCHBOARD_TEST_CRASH_AT=reply_escalation) after writing the reply and before
 * opening its escalation. Nothing of the turn survives the crash (one transaction); a second worker
 * answers the message: the escalation exists once, with its first event, and the customer's live
 * stream got one reply (and one waiting notice).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';
import { type SpawnedSwitchboard, spawnSwitchboard } from './helpers/processes.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';
import { openSse } from './helpers/sse.js';
import { waitFor } from './helpers/wait.js';

// A Redis database of its own: the spawned worker uses the default queue prefix.
const REDIS_DB = 10 + Math.floor(Math.random() * 5);
const REDIS_URL = `${process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'}/${REDIS_DB}`;
let testDb: TestDb;
let ingress: TestRuntime;
const workers: SpawnedSwitchboard[] = [];

beforeAll(async () => {
  testDb = await createPostgresTestDb();
  ingress = await startTestRuntime(
    { DATABASE_URL: testDb.url, REDIS_URL, WIDGET_RATE_LIMITS: 'off' },
    { queuePrefix: undefined, start: { http: true, workers: false } },
  );
});

afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  await ingress?.runtime.stop({ graceMs: 500 });
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys('switchboard:*');
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await testDb?.drop();
});

const count = async (sql: string, params: unknown[]) =>
  Number((await testDb.db.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0);

describe('reply and escalation commit together', () => {
  it('a crash between them leaves nothing; after restart: one escalation, one reply', async () => {
    const env = { DATABASE_URL: testDb.url!, REDIS_URL, KB_ENCODER: 'off' };
    const session = await ingress.api('/v1/widget/sessions', { body: {} });
    const { token, conversationId } = session.body as { token: string; conversationId: string };
    const stream = openSse(`${ingress.url}/v1/widget/events`, { headers: { authorization: `Bearer ${token}` } });
    await stream.opened;

    const doomed = await spawnSwitchboard('worker', { ...env, SWITCHBOARD_TEST_CRASH_AT: 'reply_escalation' });
    workers.push(doomed);
    const sent = await ingress.api('/v1/widget/messages', {
      token,
      body: { text: 'I want to talk to a human, this is the third time I ask', clientMessageId: 'c1' },
    });
    expect(sent.status).toBe(202);
    const exit = await Promise.race([
      doomed.exited,
      new Promise((_, reject) => setTimeout(() => reject(new Error(doomed.output())), 30_000)),
    ]);
    expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
    // Killed inside the transaction: no reply, no escalation, the message still unprocessed.
    expect(
      await count("SELECT count(*) AS n FROM messages WHERE conversation_id = $1 AND role <> 'customer'", [
        conversationId,
      ]),
    ).toBe(0);
    expect(await count('SELECT count(*) AS n FROM escalations WHERE conversation_id = $1', [conversationId])).toBe(0);
    expect(
      await count('SELECT count(*) AS n FROM messages WHERE id = $1 AND processed_at IS NULL', [sent.body.messageId]),
    ).toBe(1);

    const t0 = Date.now();
    workers.push(await spawnSwitchboard('worker', env));
    await waitFor(() => count('SELECT count(*) AS n FROM escalations WHERE conversation_id = $1', [conversationId]), {
      timeoutMs: 40_000,
      what: 'escalation after restart',
    });
    await waitFor(() => stream.events.filter((e) => e.event === 'message').length >= 2, {
      timeoutMs: 10_000,
      what: 'reply and notice pushed',
    });
    console.info(`reply-escalation crash: answered ${Date.now() - t0} ms after the second worker started`);
    await new Promise((r) => setTimeout(r, 1_000)); // nothing else arrives
    stream.close();

    const escalations = await testDb.db.query<{ id: string }>('SELECT id FROM escalations WHERE conversation_id = $1', [
      conversationId,
    ]);
    expect(escalations.rows).toHaveLength(1);
    const opened = await count(
      "SELECT count(*) AS n FROM escalation_events WHERE escalation_id = $1 AND type = 'opened'",
      [escalations.rows[0]!.id],
    );
    expect(opened).toBe(1);
    const pushed = stream.events.filter((e) => e.event === 'message').map((e) => JSON.parse(e.data));
    expect(pushed.map((m) => m.role)).toEqual(['bot', 'system']);
    expect(pushed[0].kind).toBe('handoff');
    expect(new Set(pushed.map((m) => m.id)).size).toBe(2);
    const history = await ingress.api('/v1/widget/messages', { token });
    expect(history.body.messages.filter((m: { role: string }) => m.role === 'bot')).toHaveLength(1);
    expect(
      await count(
        "SELECT count(*) AS n FROM deliveries d JOIN messages m ON m.id = d.message_id WHERE m.conversation_id = $1 AND d.status = 'sent'",
        [conversationId],
      ),
    ).toBe(2);
  }, 120_000);
});
