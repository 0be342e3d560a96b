/** The `switchboard` command as operators run it: a real process on a real Postgres database. */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/switchboard.mjs');
let testDb: TestDb;
let tmp: string;

function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: tmp,
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: testDb.url!, LOG_LEVEL: 'warn', ...env },
        timeout: 60_000,
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  testDb = await createPostgresTestDb();
  tmp = mkdtempSync(path.join(tmpdir(), 'switchboard-cli-'));
});
afterAll(async () => testDb?.drop());

describe('switchboard CLI', () => {
  it('prints usage for unknown commands and names a bad configuration variable', async () => {
    const unknown = await run(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const bad = await run(['migrate'], { PORT: 'not-a-port' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('PORT');
  });

  it('migrate reports the schema is up to date', async () => {
    const r = await run(['migrate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('migrations up to date (postgres)');
  });

  it('staff add creates a user once and never prints the password', async () => {
    const args = [
      'staff',
      'add',
      '--email',
      'lead@example.com',
      '--password',
      'correct horse battery',
      '--role',
      'admin',
    ];
    const first = await run(args);
    expect(first.code).toBe(0);
    expect(first.stdout + first.stderr).not.toContain('correct horse battery');
    const rows = await testDb.db.query<{ role: string; password_hash: string }>(
      "SELECT role, password_hash FROM staff_users WHERE email = 'lead@example.com'",
    );
    expect(rows.rows[0]?.role).toBe('admin');
    expect(rows.rows[0]?.password_hash).toMatch(/^scrypt\$16384\$/);
    const again = await run(args);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/exists/i);
  });

  it('kb import reports imported articles and names bad files', async () => {
    const dir = path.join(tmp, 'kb');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'good.md'),
      '---\nid: cli-test-article\ntitle: Exporting reports\ndepartment: product\n---\nReports export as CSV from Settings > Reports.\n',
    );
    writeFileSync(path.join(dir, 'bad.md'), '---\nid: no-title\n---\nBody without a title.\n');
    const r = await run(['kb', 'import', dir]);
    expect(r.stdout).toMatch(/imported=1 /);
    expect(r.stderr).toContain('bad.md');
    const row = await testDb.db.query("SELECT id FROM kb_articles WHERE id = 'cli-test-article'");
    expect(row.rows).toHaveLength(1);
  });

  it('eval prints the matrix and the contract last line; router train changes what eval uses', async () => {
    const file = path.join(tmp, 'labeled.jsonl');
    const rows = [
      { text: 'I forgot my password and cannot log in', department: 'technical' },
      { text: 'Why was I charged twice this month?', department: 'billing' },
      { text: 'Do you ship to Canada?', department: 'product' },
      { text: 'Let me talk to a real person right now', department: 'escalation' },
      { text: "What's the weather like in Paris?", department: 'out_of_scope' },
    ];
    writeFileSync(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const before = await run(['eval', '--file', file]);
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('expected');
    expect(before.stdout.trim().split('\n').at(-1)).toMatch(/^accuracy=\d\.\d{4} macro_f1=\d\.\d{4} n=5$/);
    const train = await run(['router', 'train', '--file', file]);
    expect(train.code).toBe(0);
    const stored = await testDb.db.query<{ n: string }>('SELECT count(*) AS n FROM router_models');
    expect(Number(stored.rows[0]?.n)).toBe(1);
    const after = await run(['eval', '--file', file]);
    expect(after.stderr).toContain('using the router trained');
  });

  it('eval on a missing file fails with a clear message', async () => {
    const r = await run(['eval', '--file', path.join(tmp, 'nope.jsonl')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/nope\.jsonl/);
  });
});
