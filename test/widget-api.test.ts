/** Widget HTTP API on real Postgres: the happy path, escalation, and every kind of bad input. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';
import { waitFor } from './helpers/wait.js';

let testDb: TestDb;
let t: TestRuntime;
let token: string;

const count = async (sql: string, params: unknown[] = []) =>
  Number((await testDb.db.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0);

beforeAll(async () => {
  testDb = await createPostgresTestDb();
  t = await startTestRuntime({ DATABASE_URL: testDb.url });
  const s = await t.api('/v1/widget/sessions', { body: {} });
  expect(s.status).toBe(201);
  token = s.body.token;
});

afterAll(async () => {
  await t?.runtime.stop();
  await testDb?.drop();
});

describe('widget API', () => {
  it('answers a question with a reviewed reply and stores the QA verdict', async () => {
    const sent = await t.api('/v1/widget/messages', { token, body: { text: 'How do I reset my password?' } });
    expect(sent.status).toBe(202);
    expect(sent.body.messageId).toMatch(/^[0-9a-f-]{36}$/);
    const reply = await waitFor(
      async () => {
        const r = await t.api('/v1/widget/messages?after=0', { token });
        return r.body.messages.find((m: { role: string }) => m.role === 'bot');
      },
      { what: 'bot reply' },
    );
    expect(reply.text.length).toBeGreaterThan(20);
    const row = await testDb.db.query<{ qa: { action: string }; routing: { department: string } }>(
      'SELECT qa, routing FROM messages WHERE id = $1',
      [reply.id],
    );
    expect(['approve', 'revise']).toContain(row.rows[0]?.qa.action);
    expect(row.rows[0]?.routing.department).toBe('technical');
    const delivered = await count("SELECT count(*) AS n FROM deliveries WHERE message_id = $1 AND status = 'sent'", [
      reply.id,
    ]);
    expect(delivered).toBe(1);
  });

  it('pages history with the after cursor', async () => {
    const all = await t.api('/v1/widget/messages?after=0', { token });
    const first = all.body.messages[0];
    const later = await t.api(`/v1/widget/messages?after=${first.seq}`, { token });
    expect(later.body.messages.every((m: { seq: number }) => m.seq > first.seq)).toBe(true);
    expect(later.body.messages.length).toBe(all.body.messages.length - 1);
  });

  it('stores a message once per clientMessageId', async () => {
    const body = { text: 'What payment methods do you accept?', clientMessageId: 'c-1' };
    const a = await t.api('/v1/widget/messages', { token, body });
    const b = await t.api('/v1/widget/messages', { token, body });
    expect(a.body.messageId).toBe(b.body.messageId);
    expect(b.body.duplicate).toBe(true);
    await waitFor(
      async () => (await count('SELECT count(*) AS n FROM messages WHERE reply_to = $1', [a.body.messageId])) === 1,
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(await count('SELECT count(*) AS n FROM messages WHERE reply_to = $1', [a.body.messageId])).toBe(1);
  });

  it('records feedback on a bot reply and rejects feedback on unknown messages', async () => {
    const msgs = (await t.api('/v1/widget/messages?after=0', { token })).body.messages;
    const bot = msgs.find((m: { role: string }) => m.role === 'bot');
    expect((await t.api('/v1/widget/feedback', { token, body: { messageId: bot.id, rating: 'up' } })).status).toBe(200);
    expect(await count('SELECT count(*) AS n FROM feedback WHERE message_id = $1 AND rating = 1', [bot.id])).toBe(1);
    const unknown = await t.api('/v1/widget/feedback', {
      token,
      body: { messageId: '00000000-0000-4000-8000-000000000000', rating: 'down' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('message_not_found');
  });

  it('escalates "I want to talk to a human, this is the third time" with an event and a waiting notice', async () => {
    const s = await t.api('/v1/widget/sessions', { body: {} });
    await t.api('/v1/widget/messages', {
      token: s.body.token,
      body: { text: 'I want to talk to a human, this is the third time' },
    });
    const esc = await waitFor(
      async () => {
        const r = await testDb.db.query<{ id: string; status: string; reason: string; priority: string }>(
          'SELECT id, status, reason, priority FROM escalations WHERE conversation_id = $1',
          [s.body.conversationId],
        );
        return r.rows[0];
      },
      { what: 'escalation row' },
    );
    expect(esc.status).toBe('open');
    expect(esc.reason).toBe('customer_request');
    expect(['high', 'urgent']).toContain(esc.priority);
    expect(
      await count("SELECT count(*) AS n FROM escalation_events WHERE escalation_id = $1 AND type = 'opened'", [esc.id]),
    ).toBe(1);
    const conv = await testDb.db.query<{ status: string }>('SELECT status FROM conversations WHERE id = $1', [
      s.body.conversationId,
    ]);
    expect(conv.rows[0]?.status).toBe('human');
  });
});

describe('bad input', () => {
  const storedMessages = () => count('SELECT count(*) AS n FROM messages');

  it.each([
    ['empty text', { text: '   ' }, 400, 'empty_message'],
    ['missing text', {}, 400, 'invalid_body'],
    ['text not a string', { text: 42 }, 400, 'invalid_body'],
    ['oversized text (limit 4000 chars)', { text: 'x'.repeat(4001) }, 413, 'message_too_long'],
    [
      'unknown conversation',
      { text: 'hi', conversationId: '00000000-0000-4000-8000-000000000000' },
      404,
      'conversation_not_found',
    ],
  ])('%s -> %i %s, nothing stored', async (_name, body, status, code) => {
    const n = await storedMessages();
    const r = await t.api('/v1/widget/messages', { token, body });
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
    expect(typeof r.body.error.message).toBe('string');
    expect(await storedMessages()).toBe(n);
  });

  it('malformed JSON -> 400 invalid_json', async () => {
    const r = await t.api('/v1/widget/messages', { token, rawBody: '{"text": "hi"' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_json');
  });

  it('body over 32 kB -> 413', async () => {
    const r = await t.api('/v1/widget/messages', { token, rawBody: JSON.stringify({ text: 'y'.repeat(40_000) }) });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
  });

  it('missing and invalid tokens -> 401', async () => {
    const none = await t.api('/v1/widget/messages', { body: { text: 'hi' } });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('missing_token');
    const bad = await t.api('/v1/widget/messages?after=0', { token: 'wst_not-a-token' });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('invalid_token');
  });

  it('bad cursor -> 400; unknown route -> 404; the server keeps serving', async () => {
    expect((await t.api('/v1/widget/messages?after=-3', { token })).status).toBe(400);
    expect((await t.api('/v1/nothing-here')).body.error.code).toBe('not_found');
    const health = await t.api('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      db: { status: 'ok', kind: 'postgres' },
      queue: { status: 'ok', kind: 'memory' },
    });
    expect(health.body.models.tiers).toContain('local');
    const metrics = await fetch(`${t.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/switchboard_turns_total\{outcome="replied"\} [1-9]/);
    expect(metrics).toMatch(/^switchboard_turn_duration_seconds_count [1-9]/m);
  });
});
