import { describe, expect, it } from 'vitest';
import { badRequest } from '../src/core/index.js';
import { createLogger } from '../src/runtime/logger.js';
import { withRetry } from '../src/runtime/retry.js';

const log = createLogger('silent');

describe('withRetry (inbound messages survive short database outages)', () => {
  it('retries transient failures and returns the eventual result', async () => {
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw new Error('connection terminated unexpectedly');
        return 'stored';
      },
      { what: 'test', log, baseDelayMs: 1 },
    );
    expect(result).toBe('stored');
    expect(calls).toBe(3);
  });

  it('gives up after the last attempt with the original error', async () => {
    let calls = 0;
    const run = withRetry(
      async () => {
        calls++;
        throw new Error('database is down');
      },
      { what: 'test', log, attempts: 4, baseDelayMs: 1 },
    );
    await expect(run).rejects.toThrow('database is down');
    expect(calls).toBe(4);
  });

  it('does not retry client errors', async () => {
    let calls = 0;
    const run = withRetry(
      async () => {
        calls++;
        throw badRequest('empty_message', 'Message text is empty.');
      },
      { what: 'test', log, baseDelayMs: 1 },
    );
    await expect(run).rejects.toMatchObject({ code: 'empty_message' });
    expect(calls).toBe(1);
  });
});
