/**
 * The embedded database has one owner (issue 11.5): while `switchboard start` runs on a PGlite
 * DATA_DIR, `staff add` refuses with one clear line instead of opening the directory a second time;
 * after the server stops (SIGTERM exits), `staff add` works, the data directory is intact and the
 * new staff member can log in.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/switchboard.mjs');
const tmp = mkdtempSync(path.join(tmpdir(), 'switchboard-owner-'));
const env = { PATH: process.env.PATH ?? '', DATA_DIR: path.join(tmp, 'data'), LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
const servers: ChildProcess[] = [];

function run(args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: tmp, env, timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Spawn `start` on a random port; resolves with its URL once it says ready. */
function startServer(): Promise<{ child: ChildProcess; url: string; port: number }> {
  const child = spawn(process.execPath, [BIN, 'start'], { cwd: tmp, env: { ...env, PORT: '0' } });
  servers.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server not ready: ${out}`)), 40_000);
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = out.match(/ready at (http:\/\/[^\s]+:(\d+))/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, port: Number(m[2]) });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

function stopServer(child: ChildProcess): Promise<{ code: number | null; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve({ code, ms: Date.now() - t0 }));
    child.kill('SIGTERM');
  });
}

afterAll(() => {
  for (const s of servers) if (s.exitCode === null) s.kill('SIGKILL');
});

const staffArgs = ['staff', 'add', '--email', 'owner@example.com', '--password', 'a long password', '--role', 'admin'];

describe('embedded DATA_DIR ownership', () => {
  it('staff add while the server runs refuses with one line; after stop it works and the user logs in', async () => {
    const first = await startServer();
    const refused = await run(staffArgs);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim()).toBe(
      `the server is running on :${first.port} (pid ${first.child.pid}) on this DATA_DIR — use the console or stop it first`,
    );
    const stopped = await stopServer(first.child);
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(15_000);

    const added = await run(staffArgs);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('Created staff user owner@example.com');

    const second = await startServer();
    const login = await fetch(`${second.url}/v1/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.com', password: 'a long password' }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { token?: string }).token).toBeTruthy();
    expect((await stopServer(second.child)).code).toBe(0);
  }, 120_000);

  it('a stale lock (its process is gone) is taken over', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      path.join(env.DATA_DIR, 'switchboard.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, command: 'server', port: 3000, startedAt: new Date().toISOString() }),
    );
    const r = await run(['migrate']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('migrations up to date (pglite)');
  }, 60_000);
});
