/** Transient database errors are ridden out on POST /v1/widget/sessions too; permanent ones are not retried. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime({ DATA_DIR: 'memory://' });
});
afterAll(async () => t?.runtime.stop());

/** Make `conversations.open` fail `times` times with a pg error `code`; returns the call count. */
function failOpen(code: string, times: number) {
  const service = t.runtime.conversations;
  const original = service.open;
  const calls = { n: 0 };
  service.open = async (input) => {
    calls.n++;
    if (calls.n <= times) {
      throw Object.assign(new Error(code === '57P01' ? 'terminating connection' : 'duplicate key'), { code });
    }
    return original(input);
  };
  return { calls, restore: () => (service.open = original) };
}

describe('POST /v1/widget/sessions under database errors', () => {
  it('retries a transient failure (connection terminated) and opens the session', async () => {
    const f = failOpen('57P01', 2);
    try {
      const r = await t.api('/v1/widget/sessions', { body: {} });
      expect(r.status).toBe(201);
      expect(r.body.token).toBeTruthy();
      expect(f.calls.n).toBe(3);
    } finally {
      f.restore();
    }
  });

  it('does not retry a permanent failure', async () => {
    const f = failOpen('23505', 10);
    try {
      const r = await t.api('/v1/widget/sessions', { body: {} });
      expect(r.status).toBe(500);
      expect(f.calls.n).toBe(1);
    } finally {
      f.restore();
    }
  });
});
