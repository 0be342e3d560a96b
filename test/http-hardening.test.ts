/**
 * HTTP hardening (issue 10) on a real Slack-enabled runtime + Postgres, over real HTTP: a 200 MB
 * body to /slack/events is refused fast without being read (413), chunked bodies stop at the cap;
 * staff login: forged X-Forwarded-For addresses get 429 with TRUST_PROXY off, parallel logins do not
 * stall the server (scrypt off the main thread), old bcrypt hashes still verify; security headers on
 * every route; /metrics behind METRICS_TOKEN; /healthz without model names unless authorised.
 */
import http from 'node:http';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser } from '../src/staff/auth.js';
import { hashPassword, verifyPassword } from '../src/staff/password.js';
import { type SlackEnv, startSlackEnv } from './helpers/slack-env.js';

const METRICS_TOKEN = 'metrics-token-for-tests';
let env: SlackEnv;
let url: string;

beforeAll(async () => {
  env = await startSlackEnv({ METRICS_TOKEN, STAFF_LOGIN_MAX_FAILURES: '20' });
  url = env.t.url;
  await createStaffUser(env.t.runtime.db, { email: 'ana@example.com', password: 'ana-password-1' });
  await createStaffUser(env.t.runtime.db, { email: 'ben@example.com', password: 'ben-password-1' });
});

afterAll(async () => {
  await env?.close();
});

/** POST to /slack/events with a streamed body: `declared` Content-Length (or chunked), `send` bytes. */
function streamBody(declared: number | undefined, send: number): Promise<{ status: number; ms: number }> {
  const { port } = new URL(url);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
      'x-slack-signature': 'v0=bad',
    };
    if (declared !== undefined) headers['content-length'] = declared;
    const req = http.request({ host: '127.0.0.1', port, path: '/slack/events', method: 'POST', headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, ms: performance.now() - started });
      req.destroy();
    });
    req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < send && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!req.destroyed && declared === undefined) req.end();
    };
    pump();
  });
}

describe('bounded inputs', () => {
  it('a 200 MB body to /slack/events is refused with 413 before it is read', async () => {
    const rssBefore = process.memoryUsage().rss;
    const r = await streamBody(200 * 1024 * 1024, 256 * 1024);
    expect(r.status).toBe(413);
    expect(r.ms).toBeLessThan(1000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
  });

  it('a chunked body without a length stops at the cap (413)', async () => {
    const r = await streamBody(undefined, 3 * 1024 * 1024);
    expect(r.status).toBe(413);
  });

  it('the widget API caps its JSON bodies', async () => {
    const res = await fetch(`${url}/v1/widget/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(40_000) }),
    });
    expect(res.status).toBe(413);
  });
});

describe('staff login', () => {
  const login = (password: string, forwardedFor: string) =>
    fetch(`${url}/v1/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ email: `someone${Math.random()}@example.com`, password }),
    });

  it('40 parallel logins do not stall the server (hashing off the main thread)', async () => {
    // 20 per staff member: the per-email limit (20) counts attempts still in flight.
    const attempt = (who: string) =>
      fetch(`${url}/v1/staff/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `${who}@example.com`, password: `${who}-password-1` }),
      });
    const logins = Array.from({ length: 40 }, (_, i) => attempt(i % 2 ? 'ana' : 'ben'));
    await new Promise((r) => setTimeout(r, 20));
    const started = performance.now();
    const health = await fetch(`${url}/healthz`);
    const healthMs = performance.now() - started;
    const results = await Promise.all(logins);
    expect(health.status).toBe(200);
    expect(healthMs).toBeLessThan(1000);
    expect(results.map((r) => r.status).every((st) => st === 200)).toBe(true);
  });

  it('forged X-Forwarded-For addresses do not escape the per-IP limit (TRUST_PROXY off)', async () => {
    // Per IP: 5 × STAFF_LOGIN_MAX_FAILURES (20) = 100 failures, then 429 whatever the header says.
    const first = await Promise.all(Array.from({ length: 100 }, (_, i) => login('wrong-password', `198.51.100.${i}`)));
    expect(first.every((r) => r.status === 401)).toBe(true);
    const after = [(await login('wrong-password', '203.0.113.1')).status, (await login('x', '203.0.113.2')).status];
    expect(after).toEqual([429, 429]);
  });

  it('new hashes are scrypt; hashes written by bcryptjs still verify', async () => {
    const row = await env.testDb.db.query<{ password_hash: string }>(
      "SELECT password_hash FROM staff_users WHERE email = 'ana@example.com'",
    );
    expect(row.rows[0]?.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    const old = await bcrypt.hash('legacy-password', 4);
    expect(await verifyPassword('legacy-password', old)).toBe(true);
    expect(await verifyPassword('wrong', old)).toBe(false);
    expect(await verifyPassword('pw-123456', await hashPassword('pw-123456'))).toBe(true);
    expect(await verifyPassword('pw-123457', await hashPassword('pw-123456'))).toBe(false);
  });
});

describe('headers, metrics and health', () => {
  it('security headers on the demo page, widget.js, the API and the console', async () => {
    const page = await fetch(`${url}/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await fetch(`${url}/widget.js`);
    expect(script.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    const api = await fetch(`${url}/v1/widget/sessions`, { method: 'POST', body: '{}' });
    expect(api.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(api.headers.get('x-frame-options')).toBe('DENY');
    const console = await fetch(`${url}/console/`);
    expect(console.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(console.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('/metrics needs the METRICS_TOKEN; /healthz shows model names only with it', async () => {
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('switchboard_');
    const open = (await (await fetch(`${url}/healthz`)).json()) as { models: Record<string, unknown> };
    expect(open.models.tiers).toBeDefined();
    expect(open.models.models).toBeUndefined();
    const authed = (await (
      await fetch(`${url}/healthz`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    ).json()) as { models: Record<string, unknown> };
    expect(authed.models.models).toBeDefined();
  });
});
