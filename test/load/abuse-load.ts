/**
 * Load check for issue 10 (run once, by hand; not part of `npm test`):
 *
 *   npx tsx test/load/abuse-load.ts
 *
 * A runtime on real Postgres + Redis with the default widget limits, behind a simulated proxy
 * (TRUST_PROXY=loopback, each client its own X-Forwarded-For). One abusive client tries to open
 * 1,000 sessions and send 1,000 messages as fast as it can while 20 ordinary customers each ask
 * 5 questions (waiting for each reply, 1 s between questions). First the customers alone
 * (baseline), then with the abuser. Prints what the abuser got and the customers' reply latency.
 */
import { randomBytes } from 'node:crypto';
import { createRuntime } from '../../src/app/create-runtime.js';
import { configWith } from '../../src/config.js';
import { createLogger } from '../../src/runtime/logger.js';
import { createPostgresTestDb } from '../helpers/db.js';

const QUESTIONS = [
  'How do I reset my password?',
  'What payment methods do you accept?',
  'How do I download my invoices as PDF?',
  'Can I change from monthly to yearly billing?',
  'Where can I find my API keys?',
];
const pct = (s: number[], q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;

async function main() {
  const testDb = await createPostgresTestDb();
  const config = configWith({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    DATABASE_URL: testDb.url,
    REDIS_URL: 'redis://127.0.0.1:6379',
    TRUST_PROXY: 'loopback',
  });
  const runtime = await createRuntime(config, {
    log: createLogger('error'),
    queuePrefix: `abuse${randomBytes(3).toString('hex')}`,
  });
  const { url } = await runtime.start();
  const waiters = new Map<string, () => void>();
  runtime.bus.subscribe((e) => {
    if (e.type === 'message' && e.message.role !== 'customer') waiters.get(e.conversationId)?.();
  });
  const post = async (path: string, body: unknown, ip: string, token?: string) => {
    const res = await fetch(url + path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': ip,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, string> };
  };

  const customer = async (i: number, latencies: number[], errors: string[]) => {
    const ip = `198.51.100.${i + 1}`;
    const s = await post('/v1/widget/sessions', {}, ip);
    if (s.status !== 201) return void errors.push(`session ${s.status}`);
    for (const text of QUESTIONS) {
      const replied = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 30_000);
        waiters.set(s.body.conversationId!, () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      const started = performance.now();
      const m = await post('/v1/widget/messages', { text }, ip, s.body.token);
      if (m.status !== 202) {
        errors.push(`message ${m.status}`);
        continue;
      }
      if (await replied) latencies.push(Math.round(performance.now() - started));
      else errors.push('no reply in 30 s');
      await new Promise((r) => setTimeout(r, 1000));
    }
  };

  const customers = async (label: string) => {
    const latencies: number[] = [];
    const errors: string[] = [];
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 20 }, (_, i) => customer(i, latencies, errors)));
    latencies.sort((a, b) => a - b);
    console.log(
      `${label}: 20 customers, ${latencies.length}/100 replies in ${((performance.now() - t0) / 1000).toFixed(1)} s, ` +
        `reply latency p50 ${pct(latencies, 0.5)} ms, p95 ${pct(latencies, 0.95)} ms, max ${latencies.at(-1)} ms, ` +
        `errors ${errors.length}${errors.length ? ` (${[...new Set(errors)].join(', ')})` : ''}`,
    );
  };

  const abuser = async () => {
    const ip = '203.0.113.66';
    const statuses = { sessions: new Map<number, number>(), messages: new Map<number, number>() };
    const bump = (m: Map<number, number>, s: number) => m.set(s, (m.get(s) ?? 0) + 1);
    const tokens: string[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < 1000) {
          next++;
          const r = await post('/v1/widget/sessions', {}, ip);
          bump(statuses.sessions, r.status);
          if (r.status === 201) tokens.push(r.body.token!);
        }
      }),
    );
    let sent = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (sent < 1000) {
          const token = tokens[sent++ % Math.max(1, tokens.length)];
          const r = await post('/v1/widget/messages', { text: `spam ${sent} please answer` }, ip, token);
          bump(statuses.messages, r.status);
        }
      }),
    );
    const fmt = (m: Map<number, number>) => [...m].map(([k, v]) => `${k}×${v}`).join(' ');
    console.log(
      `abuser: 1000 session attempts -> ${fmt(statuses.sessions)}; 1000 message attempts -> ${fmt(statuses.messages)} ` +
        `(${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
  };

  // Warm-up (first turns load the knowledge base and the sentence encoder), not measured.
  await customer(99, [], []);
  await customers('baseline (no abuser)');
  await Promise.all([customers('with abuser'), abuser()]);
  await runtime.stop();
  await testDb.drop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
