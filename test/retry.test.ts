/** The one retry helper: retries what its test calls transient, never what it calls permanent. */
import { describe, expect, it } from 'vitest';
import { rateLimited, SwitchboardError } from '../src/core/index.js';
import { isMarkedRetryable, isTransientFailure, retry } from '../src/runtime/retry.js';

const failing = (errors: unknown[]) => {
  let calls = 0;
  const fn = async () => {
    const err = errors[calls++];
    if (err) throw err;
    return calls;
  };
  return { fn, calls: () => calls };
};

describe('retry', () => {
  it('retries transient failures until one succeeds', async () => {
    const reset = Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    const f = failing([reset, reset]);
    expect(await retry(f.fn, { baseDelayMs: 1 })).toBe(3);
  });

  it('does not retry permanent failures (4xx, SQLSTATE 23) and stops at `attempts`', async () => {
    const unique = Object.assign(new Error('duplicate'), { code: '23505' });
    const f = failing([unique, unique]);
    await expect(retry(f.fn, { baseDelayMs: 1 })).rejects.toBe(unique);
    expect(f.calls()).toBe(1);
    const bad = new SwitchboardError('bad', 'bad', { status: 400 });
    expect(isTransientFailure(bad)).toBe(false);
    const always = failing([new Error('a'), new Error('b'), new Error('c')]);
    await expect(retry(always.fn, { attempts: 2, baseDelayMs: 1 })).rejects.toThrow('b');
  });

  it('waits what a rate limit asks, and platform calls retry only marked errors', async () => {
    const delays: number[] = [];
    const f = failing([rateLimited('slow down', 5)]);
    await retry(f.fn, { isRetryable: isMarkedRetryable, onRetry: (_e, _a, ms) => delays.push(ms) });
    expect(delays).toEqual([5]);
    const plain = failing([new Error('x')]);
    await expect(retry(plain.fn, { isRetryable: isMarkedRetryable })).rejects.toThrow('x');
    expect(plain.calls()).toBe(1);
  });
});
