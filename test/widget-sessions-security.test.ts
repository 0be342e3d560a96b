/**
 * Widget sessions that end (issue 10) on a real runtime + Postgres, over real HTTP: expired and
 * revoked tokens get 401, tokens only in the Authorization header (`?token=` refused), a one-minute
 * ticket for the event stream, `Cache-Control: no-store`, invalid text refused fast with 400
 * `invalid_text` and nothing stored, identity verification (HMAC userHash; forged refused; the same
 * user continues on another device), and WIDGET_ALLOWED_ORIGINS (no Origin refused, tokens bound).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityHash } from '../src/widget-sessions/widget-identity.js';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';

const SECRET = 'identity-secret-for-tests';
const SITE = 'https://shop.example.com';
const OTHER_SITE = 'https://blog.example.com';
let testDb: TestDb;
let t: TestRuntime;
let strict: TestRuntime;

const count = async (sql: string, params: unknown[] = []) =>
  Number((await testDb.db.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0);
const tokenHash = (token: string) =>
  import('node:crypto').then((c) => c.createHash('sha256').update(token).digest('hex'));

beforeAll(async () => {
  testDb = await createPostgresTestDb();
  t = await startTestRuntime({ DATABASE_URL: testDb.url, WIDGET_IDENTITY_SECRET: SECRET });
  strict = await startTestRuntime({ DATABASE_URL: testDb.url, WIDGET_ALLOWED_ORIGINS: `${SITE},${OTHER_SITE}` });
});

afterAll(async () => {
  await t?.runtime.stop();
  await strict?.runtime.stop();
  await testDb?.drop();
});

const newSession = async () =>
  (await t.api('/v1/widget/sessions', { body: {} })).body as { token: string; conversationId: string };

describe('widget tokens', () => {
  it('an expired token gets 401 token_expired', async () => {
    const s = await newSession();
    await testDb.db.query("UPDATE widget_sessions SET expires_at = now() - interval '1 minute' WHERE token_hash = $1", [
      await tokenHash(s.token),
    ]);
    const r = await t.api('/v1/widget/messages?after=0', { token: s.token });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('token_expired');
  });

  it('use slides the expiry forward', async () => {
    const s = await newSession();
    const h = await tokenHash(s.token);
    await testDb.db.query("UPDATE widget_sessions SET expires_at = now() + interval '1 hour' WHERE token_hash = $1", [
      h,
    ]);
    expect((await t.api('/v1/widget/messages?after=0', { token: s.token })).status).toBe(200);
    const row = await testDb.db.query<{ hours: number }>(
      'SELECT extract(epoch FROM expires_at - now()) / 3600 AS hours FROM widget_sessions WHERE token_hash = $1',
      [h],
    );
    expect(Number(row.rows[0]?.hours)).toBeGreaterThan(23);
  });

  it('a revoked token gets 401 token_revoked', async () => {
    const s = await newSession();
    expect((await t.api('/v1/widget/sessions/current', { method: 'DELETE', token: s.token })).status).toBe(204);
    const r = await t.api('/v1/widget/messages?after=0', { token: s.token });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('token_revoked');
  });

  it('tokens in the URL are refused; transcripts are not cacheable', async () => {
    const s = await newSession();
    const inUrl = await t.api(`/v1/widget/messages?after=0&token=${s.token}`);
    expect(inUrl.status).toBe(401);
    expect(inUrl.body.error.code).toBe('token_in_url');
    const res = await fetch(`${t.url}/v1/widget/messages?after=0`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('the event stream opens with a ticket (valid about a minute) or the Bearer header, never ?token=', async () => {
    const s = await newSession();
    const ticket = await t.api('/v1/widget/events/ticket', { method: 'POST', token: s.token });
    expect(ticket.status).toBe(201);
    expect(ticket.body.expiresInSeconds).toBe(60);
    const open = async (query: string, headers: Record<string, string> = {}) => {
      const controller = new AbortController();
      const res = await fetch(`${t.url}/v1/widget/events${query}`, { headers, signal: controller.signal });
      controller.abort();
      return res;
    };
    const viaTicket = await open(`?ticket=${ticket.body.ticket}`);
    expect(viaTicket.status).toBe(200);
    expect(viaTicket.headers.get('content-type')).toContain('text/event-stream');
    expect((await open('', { authorization: `Bearer ${s.token}` })).status).toBe(200);
    expect((await open(`?token=${s.token}`)).status).toBe(401);
    await testDb.db.query("UPDATE widget_stream_tickets SET expires_at = now() - interval '1 second'");
    expect((await open(`?ticket=${ticket.body.ticket}`)).status).toBe(401);
  });
});

describe('invalid text', () => {
  it('NUL and lone surrogates -> 400 invalid_text at once, nothing stored', async () => {
    const s = await newSession();
    for (const text of ['hello\u0000world', 'broken \ud800 surrogate', 'tail \udc00']) {
      const started = performance.now();
      const r = await t.api('/v1/widget/messages', { token: s.token, body: { text } });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_text');
      expect(performance.now() - started).toBeLessThan(500);
    }
    expect(await count('SELECT count(*) AS n FROM messages WHERE conversation_id = $1', [s.conversationId])).toBe(0);
    const ok = await t.api('/v1/widget/messages', { token: s.token, body: { text: 'emoji are fine 👍 ok' } });
    expect(ok.status).toBe(202);
  });
});

describe('identity verification (WIDGET_IDENTITY_SECRET)', () => {
  it('a signed user continues the same conversation on another device; a forged hash is refused', async () => {
    const userId = 'user-42';
    const userHash = identityHash(SECRET, userId);
    const laptop = await t.api('/v1/widget/sessions', { body: { userId, userHash } });
    expect(laptop.status).toBe(201);
    expect(laptop.body.verified).toBe(true);
    await t.api('/v1/widget/messages', { token: laptop.body.token, body: { text: 'How do I download invoices?' } });
    const phone = await t.api('/v1/widget/sessions', { body: { userId, userHash } });
    expect(phone.body.conversationId).toBe(laptop.body.conversationId);
    expect(phone.body.token).not.toBe(laptop.body.token);
    const history = await t.api('/v1/widget/messages?after=0', { token: phone.body.token });
    expect(history.body.messages[0].text).toBe('How do I download invoices?');

    const forged = await t.api('/v1/widget/sessions', { body: { userId, userHash: identityHash('guess', userId) } });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('identity_not_verified');
    const other = await t.api('/v1/widget/sessions', { body: { userId: 'user-43', userHash } });
    expect(other.status).toBe(401);
    const anonymous = await t.api('/v1/widget/sessions', { body: {} });
    expect(anonymous.status).toBe(201);
    expect(anonymous.body.verified).toBe(false);
  });
});

describe('WIDGET_ALLOWED_ORIGINS', () => {
  it('sessions need an allowed Origin, and the token only works from that Origin', async () => {
    const none = await strict.api('/v1/widget/sessions', { body: {} });
    expect(none.status).toBe(403);
    expect(none.body.error.code).toBe('origin_required');
    const evil = await strict.api('/v1/widget/sessions', { body: {}, headers: { origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    const s = await strict.api('/v1/widget/sessions', { body: {}, headers: { origin: SITE } });
    expect(s.status).toBe(201);
    const token = s.body.token;
    expect((await strict.api('/v1/widget/messages?after=0', { token, headers: { origin: SITE } })).status).toBe(200);
    const elsewhere = await strict.api('/v1/widget/messages?after=0', { token, headers: { origin: OTHER_SITE } });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.code).toBe('origin_mismatch');
    expect((await strict.api('/v1/widget/messages?after=0', { token })).status).toBe(403);
  });
});
