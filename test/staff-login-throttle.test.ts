/**
 * Staff login throttling: the in-memory sliding window (fake clock) and `POST /v1/staff/login` on
 * the real runtime + Postgres — 429 `too_many_attempts` with Retry-After after 10 failures for an
 * email, the same answer for unknown emails, a successful login resets the count, per-IP limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../src/core/index.js';
import { createStaffUser } from '../src/staff/auth.js';
import { createLoginThrottle } from '../src/staff/login-throttle.js';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';

const MIN = 60_000;

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('createLoginThrottle', () => {
  it('refuses the 11th attempt within the window, with the time until the oldest failure expires', () => {
    let now = 1_000_000;
    const throttle = createLoginThrottle({ now: () => now });
    for (let i = 0; i < 10; i++) {
      throttle.begin('Ana@Example.com ', '10.0.0.1');
      now += MIN;
    }
    // 10 failures at t0 .. t0+9min; now = t0+10min: the first expires at t0+15min.
    const err = thrown(() => throttle.begin('ana@example.com', '10.0.0.2'));
    expect(isSwitchboardError(err) && { code: err.code, status: err.status, retryAfterMs: err.retryAfterMs }).toEqual({
      code: 'too_many_attempts',
      status: 429,
      retryAfterMs: 5 * MIN,
    });
    expect(String((err as Error).message)).toMatch(/Try again in 5 minutes/);
    // Other emails are unaffected; after the oldest failure leaves the window one attempt is allowed.
    expect(() => throttle.begin('bob@example.com', '10.0.0.1')).not.toThrow();
    now += 5 * MIN;
    expect(() => throttle.begin('ana@example.com', '10.0.0.3')).not.toThrow();
    expect(() => throttle.begin('ana@example.com', '10.0.0.3')).toThrow(/Too many failed login attempts/);
  });

  it('success clears the email count; discard does not count; concurrent attempts are bounded', () => {
    const throttle = createLoginThrottle({ maxFailuresPerEmail: 3, now: () => 0 });
    throttle.begin('a@x.io', undefined);
    throttle.begin('a@x.io', undefined);
    throttle.begin('a@x.io', undefined).success();
    for (let i = 0; i < 3; i++) throttle.begin('a@x.io', undefined);
    expect(() => throttle.begin('a@x.io', undefined)).toThrow(/Too many/);

    const parallel = createLoginThrottle({ maxFailuresPerEmail: 3, now: () => 0 });
    for (let i = 0; i < 10; i++) parallel.begin('b@x.io', undefined).discard();
    const started = Array.from({ length: 10 }, () => thrown(() => parallel.begin('b@x.io', undefined)));
    expect(started.filter((e) => e === undefined)).toHaveLength(3);
  });

  it('limits failures per IP across emails (default 5 × the email limit)', () => {
    const throttle = createLoginThrottle({ maxFailuresPerEmail: 2, now: () => 0 });
    for (let i = 0; i < 10; i++) throttle.begin(`user${i}@x.io`, '192.0.2.7');
    expect(() => throttle.begin('fresh@x.io', '192.0.2.7')).toThrow(/Too many/);
    expect(() => throttle.begin('fresh@x.io', '192.0.2.8')).not.toThrow();
  });

  it('forgets the oldest keys beyond maxKeys', () => {
    const throttle = createLoginThrottle({ maxFailuresPerEmail: 1, maxKeys: 3, now: () => 0 });
    throttle.begin('first@x.io', undefined);
    for (let i = 0; i < 3; i++) throttle.begin(`k${i}@x.io`, undefined);
    expect(() => throttle.begin('first@x.io', undefined)).not.toThrow();
    expect(() => throttle.begin('k2@x.io', undefined)).toThrow(/Too many/);
  });
});

describe('POST /v1/staff/login throttling', () => {
  let testDb: TestDb;
  let t: TestRuntime;
  const login = (email: string, password: string, ip: string) =>
    fetch(`${t.url}/v1/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ email, password }),
    });

  beforeAll(async () => {
    testDb = await createPostgresTestDb();
    t = await startTestRuntime({ DATABASE_URL: testDb.url });
    await createStaffUser(t.runtime.db, { email: 'carol@example.com', password: 'carol-secret-1', name: 'Carol' });
    await createStaffUser(t.runtime.db, { email: 'dave@example.com', password: 'dave-secret-1', name: 'Dave' });
  });
  afterAll(async () => {
    await t?.runtime.stop();
    await testDb?.drop();
  });

  it('10 failures for an email -> 429 too_many_attempts with Retry-After, even with the right password', async () => {
    for (let i = 0; i < 10; i++)
      expect((await login('carol@example.com', 'wrong-password', '198.51.100.1')).status).toBe(401);
    const res = await login('Carol@example.com', 'carol-secret-1', '198.51.100.2');
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('too_many_attempts');
    expect(body.error.message).toMatch(/Too many failed login attempts/);
    // Another staff member is not locked out.
    expect((await login('dave@example.com', 'dave-secret-1', '198.51.100.2')).status).toBe(200);
  });

  it('answers an unknown email like a known one (same status, code and message)', async () => {
    for (let i = 0; i < 10; i++)
      expect((await login('nobody@example.com', 'wrong-password', '198.51.100.3')).status).toBe(401);
    const unknown = await login('nobody@example.com', 'wrong-password', '198.51.100.3');
    const known = await login('carol@example.com', 'wrong-password', '198.51.100.3');
    expect([unknown.status, known.status]).toEqual([429, 429]);
    expect(await unknown.json()).toEqual(await known.json());
    // Both wait for their own oldest failure (carol's are a few seconds older).
    const waits = [unknown, known].map((r) => Number(r.headers.get('retry-after')));
    expect(Math.abs((waits[0] ?? 0) - (waits[1] ?? 0))).toBeLessThan(30);
  });

  it('a successful login resets the email count', async () => {
    for (let i = 0; i < 9; i++)
      expect((await login('dave@example.com', 'wrong-password', '198.51.100.4')).status).toBe(401);
    expect((await login('dave@example.com', 'dave-secret-1', '198.51.100.4')).status).toBe(200);
    for (let i = 0; i < 9; i++)
      expect((await login('dave@example.com', 'wrong-password', '198.51.100.4')).status).toBe(401);
    expect((await login('dave@example.com', 'dave-secret-1', '198.51.100.4')).status).toBe(200);
  });
});
