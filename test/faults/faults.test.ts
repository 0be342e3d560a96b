/**
 * Fault-injection suite (issue 11.8): 2 `serve` (ingress) + 2 `worker` processes on real Postgres +
 * Redis, widget customers over the public API with live event streams, and
 * 1. kill -9 of a worker mid-turn (turns slowed by SWITCHBOARD_TEST_TURN_DELAY_MS),
 * 2. a Redis restart (shutdown nosave) with 100 queued turns,
 * 3. SIGTERM of a worker mid-turn (bounded shutdown hands its turns back).
 * After each: 0 lost, 0 duplicated, 0 out of order, every reply pushed live; recovery times printed.
 * It restarts this machine's Redis, so it runs alone: `npm run test:faults` (`npm test` runs it after
 * the rest of the suite).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresTestDb, type TestDb } from '../helpers/db.js';
import { type SpawnedSwitchboard, spawnSwitchboard } from '../helpers/processes.js';
import { allAnswered, audit, type Customer, newCustomer, pushedReplies, say } from './driver.js';
import { ensureRedisUp, startRedis, stopRedis } from './redis-control.js';

const TURN_DELAY_MS = 1_500;
// A Redis database of its own (the processes use the default queue prefix); pub/sub is shared.
const REDIS_URL = `redis://127.0.0.1:6379/${10 + Math.floor(Math.random() * 5)}`;
let testDb: TestDb;
const procs: SpawnedSwitchboard[] = [];
let ingresses: string[] = [];
let workers: SpawnedSwitchboard[] = [];
const everyone: Customer[] = [];
const report: string[] = [];

const env = () => ({
  DATABASE_URL: testDb.url!,
  REDIS_URL,
  KB_ENCODER: 'off',
  WIDGET_RATE_LIMITS: 'off',
  WORKER_CONCURRENCY: '25',
  SWITCHBOARD_TEST_TURN_DELAY_MS: String(TURN_DELAY_MS),
  SHUTDOWN_TIMEOUT_MS: '1000',
});

async function startWorker(name: string) {
  const w = await spawnSwitchboard('worker', env(), { name });
  procs.push(w);
  return w;
}

async function customers(n: number): Promise<Customer[]> {
  const out = await Promise.all(Array.from({ length: n }, (_, i) => newCustomer(ingresses, everyone.length + i)));
  everyone.push(...out);
  return out;
}

const lastPushAt = (cs: Customer[]) => Math.max(...cs.map((c) => Math.max(0, ...pushedReplies(c).map((p) => p.at))));

async function expectClean(what: string) {
  const a = await audit(testDb.db, everyone);
  report.push(
    `${what}: messages=${a.messages} replies=${a.replies} lost=${a.lost} duplicated=${a.duplicated} out_of_order=${a.outOfOrder} not_pushed=${a.notPushed}`,
  );
  expect(a).toMatchObject({ lost: 0, duplicated: 0, outOfOrder: 0, notPushed: 0 });
}

beforeAll(async () => {
  await ensureRedisUp();
  testDb = await createPostgresTestDb();
  const started = await Promise.all([
    spawnSwitchboard('serve', env(), { name: 'ingress-1' }),
    spawnSwitchboard('serve', env(), { name: 'ingress-2' }),
    spawnSwitchboard('worker', env(), { name: 'worker-1' }),
    spawnSwitchboard('worker', env(), { name: 'worker-2' }),
  ]);
  procs.push(...started);
  ingresses = started.slice(0, 2).map((p) => p.url);
  workers = started.slice(2);
  // Warm-up: every worker's first turn loads its agents.
  const warm = await customers(4);
  await Promise.all(warm.map((c) => say(c, ingresses, 'hello')));
  expect(await allAnswered(testDb.db, warm, 30_000)).toBe(true);
}, 120_000);

afterAll(async () => {
  await ensureRedisUp();
  for (const c of everyone) c.stream.close();
  for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys('switchboard:*').catch(() => [] as string[]);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await testDb?.drop();
  console.info(`\nfault suite (turns slowed to ${TURN_DELAY_MS} ms)\n  ${report.join('\n  ')}\n`);
}, 60_000);

describe('faults', () => {
  it('a worker killed mid-turn: its turns complete once, within 20 s, in order', async () => {
    const cs = await customers(20);
    await Promise.all(cs.map((c) => say(c, ingresses, 'How do I reset my password?')));
    // A second message while the first turn runs: answered after it (or merged), never before.
    await new Promise((r) => setTimeout(r, 300));
    await Promise.all(cs.map((c) => say(c, ingresses, 'And where do I find my invoices?')));
    await new Promise((r) => setTimeout(r, 400));
    const victim = workers[0]!;
    const killedAt = Date.now();
    victim.child.kill('SIGKILL');
    await victim.exited;
    workers = [workers[1]!, await startWorker('worker-3')];
    expect(await allAnswered(testDb.db, cs, 40_000)).toBe(true);
    const ms = lastPushAt(cs) - killedAt;
    report.push(`kill -9 worker mid-turn: last of 20 conversations answered ${ms} ms after the kill`);
    expect(ms).toBeLessThan(20_000);
    await expectClean('after kill -9');
  }, 90_000);

  it('Redis restart with 100 queued turns: every reply pushed live, the last within 15 s', async () => {
    const cs = await customers(100);
    // Freeze the workers so the turns wait in Redis, then lose them with it.
    for (const w of workers) w.child.kill('SIGSTOP');
    let back = 0;
    try {
      await Promise.all(cs.map((c) => say(c, ingresses, 'How do I download my invoices?')));
      await stopRedis();
      await new Promise((r) => setTimeout(r, 2_000));
      await startRedis();
      back = Date.now();
    } finally {
      await ensureRedisUp();
      for (const w of workers) w.child.kill('SIGCONT');
    }
    expect(await allAnswered(testDb.db, cs, 30_000)).toBe(true);
    const ms = lastPushAt(cs) - back;
    report.push(`redis restart, 100 queued turns: last reply pushed live ${ms} ms after Redis was back`);
    expect(ms).toBeLessThan(15_000);
    // Logs stay JSON lines, and each Redis client reports the outage once (not once per retry).
    for (const p of procs.filter((x) => x.child.exitCode === null)) {
      const lines = p
        .output()
        .split('\n')
        .filter((l) => l.trim() && !/^(Switchboard | {2}demo page)/.test(l));
      expect(
        lines.filter((l) => !l.startsWith('{')),
        p.name,
      ).toEqual([]);
      const down = lines.filter((l) => l.includes('"redis unavailable"') && l.includes('"component":"bus"'));
      expect(down.length, `${p.name}: ${down.join('\n')}`).toBeLessThanOrEqual(1);
    }
    await expectClean('after redis restart');
  }, 90_000);

  it('SIGTERM mid-turn: the worker exits within its bound, its turns complete once', async () => {
    const cs = await customers(20);
    await Promise.all(cs.map((c) => say(c, ingresses, 'Can I change my plan?')));
    // Turns need ~1.3 s more, the shutdown bound is 1 s: they are handed back to the other worker.
    await new Promise((r) => setTimeout(r, 200));
    const victim = workers[0]!;
    const t0 = Date.now();
    victim.child.kill('SIGTERM');
    const exit = await victim.exited;
    const exitMs = Date.now() - t0;
    workers = [workers[1]!];
    expect(exit.code).toBe(0);
    expect(await allAnswered(testDb.db, cs, 30_000)).toBe(true);
    const ms = lastPushAt(cs) - t0;
    report.push(`SIGTERM mid-turn: worker exited in ${exitMs} ms, last of 20 answered ${ms} ms after the signal`);
    expect(exitMs).toBeLessThan(7_000);
    await expectClean('after SIGTERM');
  }, 90_000);
});
