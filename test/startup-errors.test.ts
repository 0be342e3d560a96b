/**
 * Clear start-up errors (issue 12.6), as operators meet them: `switchboard start` spawned as a real
 * process exits non-zero within 10 s with one line naming the problem and the fix, no stack trace.
 * Also: `--help` exits 0, and `/healthz` answers within 2 s when Redis goes away after start-up.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresTestDb, PG_ADMIN_URL, type TestDb } from './helpers/db.js';
import { startTestRuntime } from './helpers/runtime.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/switchboard.mjs');
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let testDb: TestDb;
let tmp: string;

/** Run the CLI; resolves with exit code, output and wall time. */
function run(args: string[], env: Record<string, string>) {
  const t0 = Date.now();
  return new Promise<{ code: number; stdout: string; stderr: string; ms: number }>((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: tmp, env: { PATH: process.env.PATH ?? '', PORT: '0', DATA_DIR: 'memory://', ...env }, timeout: 20_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr, ms: Date.now() - t0 }),
    );
  });
}

/** The failure is one plain line (JSON log lines aside), with no stack trace. */
function lastLine(stderr: string): string {
  expect(stderr).not.toMatch(/^\s+at /m);
  const lines = stderr.split('\n').filter((l) => l.trim() && !l.startsWith('{'));
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

beforeAll(async () => {
  testDb = await createPostgresTestDb();
  tmp = mkdtempSync(path.join(tmpdir(), 'switchboard-startup-'));
});
afterAll(async () => testDb?.drop());

describe('start-up errors', () => {
  it('--help, -h and help print usage and exit 0', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = await run(args, {});
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('usage: switchboard');
    }
  });

  it('PORT in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    const r = await run(['start'], { PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: testDb.url! });
    blocker.close();
    expect(r.code).not.toBe(0);
    expect(r.ms).toBeLessThan(10_000);
    expect(lastLine(r.stderr)).toBe(
      `port ${port} is already in use — stop the other process or set PORT to a free port`,
    );
  });

  it('DATABASE_URL names a missing database', async () => {
    const url = PG_ADMIN_URL.replace(/\/[^/]*$/, '/sb_no_such_db');
    const r = await run(['start'], { DATABASE_URL: url });
    expect(r.code).not.toBe(0);
    expect(r.ms).toBeLessThan(10_000);
    expect(lastLine(r.stderr)).toMatch(/does not exist — create it \(createdb sb_no_such_db\) or fix DATABASE_URL/);
  });

  it('DATABASE_URL unreachable', async () => {
    const r = await run(['start'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/x' });
    expect(r.code).not.toBe(0);
    expect(r.ms).toBeLessThan(10_000);
    expect(lastLine(r.stderr)).toMatch(/^cannot reach Postgres at 127\.0\.0\.1:1\/x .*— start it or fix DATABASE_URL$/);
  });

  it('REDIS_URL unreachable', async () => {
    const r = await run(['start'], { DATABASE_URL: testDb.url!, REDIS_URL: 'redis://127.0.0.1:1' });
    expect(r.code).not.toBe(0);
    expect(r.ms).toBeLessThan(10_000);
    expect(lastLine(r.stderr)).toMatch(/^cannot reach Redis at 127\.0\.0\.1:1 — start it or fix REDIS_URL/);
  });

  it('a schema migrated by a newer version', async () => {
    const newer = await createPostgresTestDb();
    try {
      await newer.db.query("INSERT INTO schema_migrations (version, name) VALUES (999, '999_future.sql')");
      const r = await run(['start'], { DATABASE_URL: newer.url! });
      expect(r.code).not.toBe(0);
      expect(r.ms).toBeLessThan(10_000);
      expect(lastLine(r.stderr)).toMatch(/migrated by a newer Switchboard \(migration 999;.*— upgrade Switchboard/);
    } finally {
      await newer.drop();
    }
  });
});

describe('Redis going away after start-up', () => {
  it('/healthz reports it within 2 s and stays responsive', async () => {
    // A TCP proxy in front of Redis that we can cut.
    const sockets = new Set<net.Socket>();
    const target = new URL(REDIS_URL);
    const proxy = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 6379), target.hostname);
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const drop = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const port = (proxy.address() as net.AddressInfo).port;
    const t = await startTestRuntime(
      { DATABASE_URL: testDb.url, REDIS_URL: `redis://127.0.0.1:${port}` },
      { start: { http: true, workers: true } },
    );
    try {
      const up = await t.api('/healthz');
      expect(up.body.queue.status).toBe('ok');
      proxy.close();
      for (const s of sockets) s.destroy();
      for (let i = 0; i < 3; i++) {
        const t0 = Date.now();
        const down = await t.api('/healthz');
        expect(Date.now() - t0).toBeLessThan(2_000);
        expect(down.status).toBe(503);
        expect(down.body.queue.status).toBe('down');
        expect(down.body.db.status).toBe('ok');
      }
    } finally {
      // Bounded: some Redis clients wait for a reconnect on close (the CLI exits regardless).
      await Promise.race([t.runtime.stop({ graceMs: 0 }), new Promise((r) => setTimeout(r, 5000))]);
    }
  });
});
