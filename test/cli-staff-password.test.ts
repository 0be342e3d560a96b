/**
 * `switchboard staff add` without `--password` (which shows in `ps`): the password comes from
 * standard input or STAFF_PASSWORD; `--password` keeps working. Real process, real Postgres.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../src/staff/auth.js';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/switchboard.mjs');
let testDb: TestDb;
let tmp: string;

function run(args: string[], env: Record<string, string>, stdin: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: tmp,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: testDb.url!, LOG_LEVEL: 'warn', ...env },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
    child.stdin.end(stdin);
  });
}

beforeAll(async () => {
  testDb = await createPostgresTestDb();
  tmp = mkdtempSync(path.join(tmpdir(), 'switchboard-cli-pw-'));
});
afterAll(async () => testDb?.drop());

describe('staff add password sources', () => {
  it('reads the password from standard input when --password is absent', async () => {
    const r = await run(['staff', 'add', '--email', 'stdin@example.com'], {}, 'from stdin 123\n');
    expect(r.code, r.out).toBe(0);
    expect(r.out).not.toContain('from stdin 123');
    expect((await login(testDb.db, 'stdin@example.com', 'from stdin 123')).staff.email).toBe('stdin@example.com');
  });

  it('uses STAFF_PASSWORD when set', async () => {
    const r = await run(['staff', 'add', '--email', 'env@example.com'], { STAFF_PASSWORD: 'from env 4567' }, '');
    expect(r.code, r.out).toBe(0);
    expect((await login(testDb.db, 'env@example.com', 'from env 4567')).staff.email).toBe('env@example.com');
  });

  it('still accepts --password, and refuses an empty standard input with a clear message', async () => {
    const ok = await run(['staff', 'add', '--email', 'flag@example.com', '--password', 'from flag 89'], {}, '');
    expect(ok.code, ok.out).toBe(0);
    expect((await login(testDb.db, 'flag@example.com', 'from flag 89')).staff.email).toBe('flag@example.com');
    const none = await run(['staff', 'add', '--email', 'none@example.com'], {}, '');
    expect(none.code).not.toBe(0);
    expect(none.out).toMatch(/password_required|No password/);
  });
});
