/**
 * Staff accounts and the staff API on the real runtime (createRuntime + real Postgres): the
 * `staff add` command, bcrypt hashes, hashed session tokens, 401/403/404/409 rules, the HTTP
 * lifecycle including a claim race, SSE, drafts, canned replies, stats and the console files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppRuntime, createRuntime } from '../src/app/create-runtime.js';
import { runStaffAdd } from '../src/cli/staff.js';
import { configWith } from '../src/config.js';
import type { Logger } from '../src/core/services.js';
import { hashToken } from '../src/staff/auth.js';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';

const PASSWORDS = { alice: 'alice-secret-1', bob: 'bob-secret-22', root: 'root-secret-333' };
const logLines: string[] = [];
const log: Logger = {
  debug: (m, d) => logLines.push(JSON.stringify([m, d])),
  info: (m, d) => logLines.push(JSON.stringify([m, d])),
  warn: (m, d) => logLines.push(JSON.stringify([m, d])),
  error: (m, d) => logLines.push(JSON.stringify([m, d])),
};

let testDb: TestDb;
let rt: AppRuntime;
let base: string;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const cliOut: string[] = [];

async function call(method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${base}/v1/staff${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: loosely typed JSON bodies keep the assertions readable
  const json = (await res.json().catch(() => null)) as Record<string, any> | null;
  return { status: res.status, body: json };
}

let n = 0;
async function openEscalation(priority: 'normal' | 'urgent' = 'normal') {
  n += 1;
  const conversationKey = `api-conv-${n}-${Date.now()}`;
  const { conversationId } = await rt.conversations.open({
    channel: 'widget',
    customerExternalId: `api-cust-${n}`,
    customerName: `API customer ${n}`,
    conversationKey,
  });
  await rt.conversations.receive({
    channel: 'widget',
    eventId: `api-evt-${n}-${Date.now()}`,
    conversationKey,
    customerId: `api-cust-${n}`,
    text: 'How do I reset my password?',
    attachments: [],
    sentAt: new Date(),
    replyTarget: {},
  });
  return rt.escalations.open({
    conversationId,
    reason: 'customer_request',
    priority,
    department: 'technical',
    summary: 'Needs a human',
    packet: { summary: 'Needs a human', tried: ['nothing'], sentiment: 'neutral' },
  });
}

beforeAll(async () => {
  testDb = await createPostgresTestDb();
  rt = await createRuntime(configWith({ DATABASE_URL: testDb.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug' }), {
    log,
  });
  base = (await rt.start({ workers: false })).url;
  const out = (line: string) => cliOut.push(line);
  await runStaffAdd({ email: 'alice@example.com', password: PASSWORDS.alice, name: 'Alice' }, rt.db, out);
  await runStaffAdd({ email: 'bob@example.com', password: PASSWORDS.bob, name: 'Bob' }, rt.db, out);
  await runStaffAdd({ email: 'root@example.com', password: PASSWORDS.root, name: 'Root', role: 'admin' }, rt.db, out);
  for (const who of ['alice', 'bob', 'root'] as const) {
    const r = await call('POST', '/login', undefined, { email: `${who}@example.com`, password: PASSWORDS[who] });
    expect(r.status).toBe(200);
    tokens[who] = r.body!.token;
    ids[who] = r.body!.staff.id;
  }
});

afterAll(async () => {
  await rt?.stop();
  await testDb?.drop();
});

describe('staff accounts', () => {
  it('stores scrypt hashes (computed off the main thread) and hashed session tokens, never the clear text', async () => {
    const users = await rt.db.query<{ email: string; password_hash: string; role: string }>(
      'SELECT email, password_hash, role FROM staff_users ORDER BY email',
    );
    expect(users.rows.map((u) => [u.email, u.role])).toEqual([
      ['alice@example.com', 'agent'],
      ['bob@example.com', 'agent'],
      ['root@example.com', 'admin'],
    ]);
    for (const u of users.rows) expect(u.password_hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    const dump = JSON.stringify((await rt.db.query('SELECT * FROM staff_users')).rows);
    for (const p of Object.values(PASSWORDS)) expect(dump).not.toContain(p);
    const sessions = await rt.db.query<{ token_hash: string }>('SELECT token_hash FROM staff_sessions');
    const hashes = sessions.rows.map((s) => s.token_hash);
    expect(hashes).toContain(hashToken(tokens.alice!));
    expect(hashes).not.toContain(tokens.alice);
    const everything = [...cliOut, ...logLines].join('\n');
    for (const p of Object.values(PASSWORDS)) expect(everything).not.toContain(p);
    for (const t of Object.values(tokens)) expect(everything).not.toContain(t);
    expect(cliOut[0]).toMatch(/Created staff user alice@example.com \(name: Alice, role: agent/);
  });

  it('staff add rejects duplicates, short passwords, bad emails and bad roles with clear errors', async () => {
    const out = () => {};
    await expect(
      runStaffAdd({ email: 'ALICE@example.com', password: 'another-pass' }, rt.db, out),
    ).rejects.toMatchObject({
      code: 'email_taken',
      message: expect.stringContaining('already exists'),
    });
    await expect(runStaffAdd({ email: 'x@example.com', password: 'short' }, rt.db, out)).rejects.toMatchObject({
      code: 'weak_password',
    });
    await expect(runStaffAdd({ email: 'not-an-email', password: 'long-enough' }, rt.db, out)).rejects.toMatchObject({
      code: 'invalid_email',
    });
    await expect(
      runStaffAdd({ email: 'y@example.com', password: 'long-enough', role: 'root' }, rt.db, out),
    ).rejects.toMatchObject({ code: 'invalid_role' });
  });

  it('login: wrong password / unknown email -> 401; /me returns the token owner', async () => {
    expect(
      (await call('POST', '/login', undefined, { email: 'alice@example.com', password: 'nope-nope' })).status,
    ).toBe(401);
    const unknown = await call('POST', '/login', undefined, { email: 'ghost@example.com', password: 'whatever1' });
    expect(unknown.status).toBe(401);
    expect(unknown.body?.error.code).toBe('invalid_credentials');
    expect((await call('POST', '/login', undefined, {})).status).toBe(401);
    const me = await call('GET', '/me', tokens.bob);
    expect(me.body?.staff).toEqual({ id: ids.bob, email: 'bob@example.com', name: 'Bob', role: 'agent' });
  });

  it('every route needs a valid, unexpired token', async () => {
    const e = await openEscalation();
    const routes: [string, string][] = [
      ['GET', '/me'],
      ['GET', '/escalations'],
      ['GET', `/escalations/${e.id}`],
      ['POST', `/escalations/${e.id}/claim`],
      ['POST', `/escalations/${e.id}/reply`],
      ['POST', `/escalations/${e.id}/resolve`],
      ['POST', `/escalations/${e.id}/release`],
      ['POST', `/escalations/${e.id}/reassign`],
      ['POST', `/escalations/${e.id}/cancel`],
      ['GET', `/escalations/${e.id}/draft`],
      ['GET', '/canned-replies'],
      ['GET', '/stats'],
      ['GET', '/events'],
      ['POST', '/logout'],
    ];
    for (const [method, path] of routes) {
      const none = await call(method, path);
      expect(none.status, `${method} ${path}`).toBe(401);
      expect(none.body?.error.code).toBe('unauthorized');
      expect((await call(method, path, 'x'.repeat(43))).status, `${method} ${path} wrong token`).toBe(401);
    }
    expect((await rt.escalations.get(e.id))?.status).toBe('open');

    const login = await call('POST', '/login', undefined, { email: 'bob@example.com', password: PASSWORDS.bob });
    const temp = login.body!.token as string;
    expect((await call('GET', '/me', temp)).status).toBe(200);
    await rt.db.query(`UPDATE staff_sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [
      hashToken(temp),
    ]);
    expect((await call('GET', '/me', temp)).status).toBe(401);
    const again = await call('POST', '/login', undefined, { email: 'bob@example.com', password: PASSWORDS.bob });
    const t2 = again.body!.token as string;
    expect(new Date(again.body!.expiresAt).getTime() - Date.now()).toBeGreaterThan(11.9 * 3600_000);
    expect((await call('POST', '/logout', t2)).status).toBe(200);
    expect((await call('GET', '/me', t2)).status).toBe(401);
  });
});

describe('staff API lifecycle', () => {
  it('list sorted by SLA urgency with filters; detail has events, transcript and packet; bad ids are 404', async () => {
    const normal = await openEscalation('normal');
    const urgent = await openEscalation('urgent');
    const list = await call('GET', '/escalations?status=open', tokens.alice);
    const listed = (list.body!.escalations as { id: string }[]).map((x) => x.id);
    expect(listed.indexOf(urgent.id)).toBeLessThan(listed.indexOf(normal.id));
    const urgentOnly = await call('GET', '/escalations?priority=urgent', tokens.alice);
    expect((urgentOnly.body!.escalations as { priority: string }[]).every((x) => x.priority === 'urgent')).toBe(true);
    expect((await call('GET', '/escalations?status=bogus', tokens.alice)).status).toBe(400);
    expect((await call('GET', '/escalations?reason=customer_request', tokens.alice)).status).toBe(200);

    const detail = await call('GET', `/escalations/${normal.id}`, tokens.alice);
    expect(detail.status).toBe(200);
    expect(detail.body!.escalation.id).toBe(normal.id);
    expect(detail.body!.events.map((e: { type: string }) => e.type)).toEqual(['opened']);
    expect(detail.body!.packet).toMatchObject({ summary: 'Needs a human' });
    const roles = detail.body!.transcript.map((m: { role: string }) => m.role);
    expect(roles).toContain('customer');
    expect(roles).toContain('system');

    expect((await call('GET', '/escalations/not-a-uuid', tokens.alice)).status).toBe(404);
    expect((await call('GET', '/escalations/00000000-0000-0000-0000-000000000000', tokens.alice)).status).toBe(404);
    expect((await call('POST', '/escalations/not-a-uuid/claim', tokens.alice)).status).toBe(404);
  });

  it('claim race over HTTP: exactly one 200, the other 409', async () => {
    const e = await openEscalation();
    const [a, b] = await Promise.all([
      call('POST', `/escalations/${e.id}/claim`, tokens.alice),
      call('POST', `/escalations/${e.id}/claim`, tokens.bob),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)?.body?.error.code).toBe('already_claimed');
  });

  it('claim -> reply -> resolve; others get 403, unclaimed resolve 409, acting id from the token', async () => {
    const e = await openEscalation();
    const early = await call('POST', `/escalations/${e.id}/resolve`, tokens.alice, {});
    expect(early.status).toBe(409);
    expect(early.body?.error.code).toBe('not_claimed');
    expect((await call('POST', `/escalations/${e.id}/claim`, tokens.alice)).body?.escalation.assigneeId).toBe(
      ids.alice,
    );

    const bobReply = await call('POST', `/escalations/${e.id}/reply`, tokens.bob, { text: 'hi', staffId: ids.alice });
    expect(bobReply.status).toBe(403);
    expect((await call('POST', `/escalations/${e.id}/resolve`, tokens.bob, {})).status).toBe(403);
    expect((await call('POST', `/escalations/${e.id}/release`, tokens.bob, {})).status).toBe(403);
    expect((await call('POST', `/escalations/${e.id}/reassign`, tokens.bob, { staffId: ids.bob })).status).toBe(403);
    expect((await call('POST', `/escalations/${e.id}/reply`, tokens.alice, {})).status).toBe(400);

    const reply = await call('POST', `/escalations/${e.id}/reply`, tokens.alice, {
      text: 'Alice here',
      staffId: ids.bob,
    });
    expect(reply.status).toBe(201);
    const stored = await rt.db.query<{ author_id: string; author_name: string }>(
      'SELECT author_id, author_name FROM messages WHERE id = $1',
      [reply.body!.messageId],
    );
    expect(stored.rows[0]).toEqual({ author_id: ids.alice, author_name: 'Alice' });
    const adminReply = await call('POST', `/escalations/${e.id}/reply`, tokens.root, {
      text: 'Admin note to customer',
    });
    expect(adminReply.status).toBe(201);

    const resolved = await call('POST', `/escalations/${e.id}/resolve`, tokens.alice, { note: 'done' });
    expect(resolved.status).toBe(200);
    expect(resolved.body?.escalation.status).toBe('resolved');
    expect((await rt.conversations.get(e.conversationId))?.status).toBe('bot');
    expect((await call('POST', `/escalations/${e.id}/claim`, tokens.bob)).status).toBe(409);
  });

  it('release, reassign (admin) and cancel over HTTP', async () => {
    const e = await openEscalation();
    await call('POST', `/escalations/${e.id}/claim`, tokens.alice);
    const rel = await call('POST', `/escalations/${e.id}/release`, tokens.alice);
    expect(rel.body?.escalation).toMatchObject({ status: 'open', assigneeId: null });
    const re = await call('POST', `/escalations/${e.id}/reassign`, tokens.root, { staffId: ids.bob });
    expect(re.body?.escalation).toMatchObject({ status: 'claimed', assigneeId: ids.bob });
    expect((await call('POST', `/escalations/${e.id}/reassign`, tokens.root, { staffId: 'nope' })).status).toBe(400);
    expect((await call('POST', `/escalations/${e.id}/cancel`, tokens.alice)).status).toBe(403);
    const c = await call('POST', `/escalations/${e.id}/cancel`, tokens.bob, { note: 'duplicate' });
    expect(c.body?.escalation.status).toBe('cancelled');
    const events = await call('GET', `/escalations/${e.id}`, tokens.bob);
    expect(events.body!.events.map((x: { type: string }) => x.type)).toEqual([
      'opened',
      'claimed',
      'released',
      'reassigned',
      'cancelled',
    ]);
  });

  it('draft, canned replies and stats', async () => {
    const e = await openEscalation();
    const draft = await call('GET', `/escalations/${e.id}/draft`, tokens.alice);
    expect(draft.status).toBe(200);
    expect(draft.body!.draft.text.length).toBeGreaterThan(10);
    expect(['technical', 'billing', 'product']).toContain(draft.body!.draft.department);
    const canned = await call('GET', '/canned-replies', tokens.alice);
    expect(canned.body!.cannedReplies.length).toBeGreaterThan(3);
    const stats = await call('GET', '/stats', tokens.alice);
    expect(stats.status).toBe(200);
    expect(stats.body!.conversationsPerDay).toHaveLength(14);
    expect(stats.body!.conversationsPerDay.at(-1).count).toBeGreaterThan(0);
    expect(stats.body!.escalations).toBeGreaterThan(0);
    expect(stats.body!.escalationsByReason[0]).toMatchObject({ reason: 'customer_request' });
    expect(stats.body!.medianFirstResponseSeconds).not.toBeNull();
    expect(stats.body!.medianResolutionSeconds).not.toBeNull();
    expect(stats.body!.cost).toHaveProperty('perResolvedConversationUsd');
    expect(stats.body!.csat).toHaveProperty('score');
  });

  it('SSE stream delivers escalation events to a logged-in client', async () => {
    const ac = new AbortController();
    const res = await fetch(`${base}/v1/staff/events?token=${encodeURIComponent(tokens.alice!)}`, {
      signal: ac.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    const read = (async () => {
      while (!buf.includes('"event":"opened"')) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += decoder.decode(value);
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    const e = await openEscalation();
    await Promise.race([read, new Promise((r) => setTimeout(r, 5000))]);
    ac.abort();
    expect(buf).toContain('event: escalation');
    expect(buf).toContain(e.id);
  });

  it('serves the console with a strict CSP', async () => {
    const redirect = await fetch(`${base}/console`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    const page = await fetch(`${base}/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('app.js');
    const js = await fetch(`${base}/console/app.js`);
    expect(js.headers.get('content-type')).toContain('javascript');
  });
});
