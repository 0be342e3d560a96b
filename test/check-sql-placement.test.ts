/** The SQL-placement check of `npm run check`: fails on SQL outside the data layer, passes on the repo. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findMisplacedSql, isDataLayer } from '../scripts/check-sql-placement.js';

const root = mkdtempSync(path.join(tmpdir(), 'sql-placement-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fixture(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const run = (dir: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-sql-placement.ts', dir], { encoding: 'utf8' });

describe('check-sql-placement', () => {
  it('fails on a route, a worker and an adapter that write SQL', () => {
    const dir = fixture('misplaced', {
      'src/http/routes.ts': "export const q = 'SELECT 1';\n",
      'src/app/workers.ts': "const a = 1;\nexport const sql = `UPDATE deliveries SET status = 'sent'`;\n",
      'adapters/x/send.ts': "export const d = 'DELETE FROM staff_sessions';\n",
      'src/conversations/repo.ts': "export const ok = 'INSERT INTO messages (id) VALUES ($1)';\n",
      'src/http/copy.ts': "export const text = 'Select an option, then update the list.';\n",
    });
    expect(findMisplacedSql(dir).map((f) => `${f.file}:${f.line}`)).toEqual([
      'adapters/x/send.ts:1',
      'src/app/workers.ts:2',
      'src/http/routes.ts:1',
    ]);
    const r = run(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/src\/app\/workers\.ts:2: export const sql/);
    expect(r.stderr).toMatch(/SQL outside the data layer: 3 file\(s\)/);
  });

  it('passes when every statement is in the data layer', () => {
    const dir = fixture('placed', {
      'src/db/ping.ts': "export const q = 'SELECT 1';\n",
      'src/learning/cache-store.ts': "export const q = 'DELETE FROM answer_cache';\n",
      'src/pipeline/delivery-queries.ts': "export const q = 'UPDATE deliveries SET status = $2';\n",
    });
    expect(findMisplacedSql(dir)).toEqual([]);
    expect(run(dir).status).toBe(0);
  });

  it('passes on the repository (npm run check runs it too)', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/check-sql-placement.ts', '.'], {
      encoding: 'utf8',
    });
    expect(out).toMatch(/every statement is in the data layer/);
  });

  it('the data layer: db/, data/, repositories/ folders and files named after their role', () => {
    for (const f of [
      'src/db/db.ts',
      'src/data/x.ts',
      'src/repositories/customers.ts',
      'src/escalations/repo.ts',
      'src/staff/staff-repo.ts',
      'src/pipeline/turn-queries.ts',
      'src/conversations/sql.ts',
      'src/conversations/resolution-sql.ts',
      'src/learning/gaps-store.ts',
      'src/db/migrate.ts',
      'src/cli/migrate-command.ts',
    ])
      expect(isDataLayer(f), f).toBe(true);
    for (const f of ['adapters/widget/routes.ts', 'src/app/workers.ts', 'src/staff/stats.ts', 'agents/qa/local.ts'])
      expect(isDataLayer(f), f).toBe(false);
  });
});
