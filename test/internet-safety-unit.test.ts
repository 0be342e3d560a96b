/**
 * Small pieces of issue 10: permanent database errors are not retried (a NUL byte used to be
 * retried 5 times), the logger redacts customer text at info and above, TRUST_PROXY parsing, text
 * validation, and staff login throttling shared between processes through Redis.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config.js';
import { isValidText, sanitizeText } from '../src/core/text-guard.js';
import { createLimiterStore } from '../src/limits/limiter-store.js';
import { createLogger } from '../src/runtime/logger.js';
import { withRetry } from '../src/runtime/retry.js';
import { createSharedLoginThrottle } from '../src/staff/login-throttle-shared.js';
import { createPgliteTestDb } from './helpers/db.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

describe('withRetry', () => {
  it('does not retry a permanent database error (NUL byte in text: SQLSTATE 22021)', async () => {
    const testDb = await createPgliteTestDb();
    let calls = 0;
    const started = performance.now();
    await expect(
      withRetry(
        async () => {
          calls++;
          await testDb.db.query('SELECT $1::text', ['hello\u0000world']);
        },
        { what: 'test', log: quiet },
      ),
    ).rejects.toThrow();
    expect(calls).toBe(1);
    expect(performance.now() - started).toBeLessThan(500);
    await testDb.drop();
  });

  it('still retries transient failures', async () => {
    let calls = 0;
    const out = await withRetry(
      async () => {
        if (++calls < 3) throw Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
        return 'ok';
      },
      { what: 'test', log: quiet, baseDelayMs: 1 },
    );
    expect([out, calls]).toEqual(['ok', 3]);
  });
});

describe('logger redaction', () => {
  it('never writes customer text at info/warn/error; debug keeps it', () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const log = createLogger('debug');
      const inbound = { channel: 'slack', text: 'my card number is 4111', customerId: 'U1' };
      log.error('storing an inbound message failed', { inbound, err: new Error('boom') });
      log.warn('w', { content: 'model said my card number is 4111' });
      log.debug('d', { text: 'debug keeps 4111' });
    } finally {
      spy.mockRestore();
    }
    expect(written[0]).not.toContain('4111');
    expect(written[0]).toContain('[redacted 22 chars]');
    expect(written[0]).toContain('"customerId":"U1"');
    expect(written[1]).not.toContain('4111');
    expect(written[2]).toContain('debug keeps 4111');
  });
});

describe('configuration and text', () => {
  it('TRUST_PROXY: off by default, a hop count, or proxy addresses; "true" refused', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'off' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, loopback' }).TRUST_PROXY).toEqual(['10.0.0.1', 'loopback']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  });

  it('valid text has no NUL and no lone surrogate; platform text is cleaned', () => {
    expect(isValidText('hé 👍')).toBe(true);
    expect(isValidText('a\u0000b')).toBe(false);
    expect(isValidText('a\ud83d')).toBe(false);
    expect(sanitizeText('a\u0000b\udc00c')).toBe('ab\uFFFDc');
  });
});

describe('shared login throttle (Redis)', () => {
  const store = createLimiterStore({
    redisUrl: 'redis://127.0.0.1:6379',
    prefix: `lt${randomBytes(4).toString('hex')}`,
  });
  afterAll(() => store.close());

  it('two processes count failures together; concurrent attempts are bounded; success resets', async () => {
    const a = createSharedLoginThrottle({ store, maxFailuresPerEmail: 3 });
    const b = createSharedLoginThrottle({ store, maxFailuresPerEmail: 3 });
    await a.begin('x@y.io', '10.0.0.1');
    await b.begin('X@y.io ', '10.0.0.2');
    const parallel = await Promise.allSettled([a.begin('x@y.io', '10.0.0.3'), b.begin('x@y.io', '10.0.0.4')]);
    expect(parallel.filter((p) => p.status === 'fulfilled')).toHaveLength(1);
    await expect(b.begin('x@y.io', '10.0.0.5')).rejects.toMatchObject({ code: 'too_many_attempts', status: 429 });
    const fresh = await a.begin('z@y.io', '10.0.0.6');
    fresh.success();
  });
});
