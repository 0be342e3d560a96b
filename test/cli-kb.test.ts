/** `switchboard kb import [--replace] | kb list | kb remove` as a spawned process on an embedded database. */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KB_DIR = path.join(ROOT, 'test/fixtures/kb-bikeshare');
const work = mkdtempSync(path.join(tmpdir(), 'sb-kb-cli-'));
const env = { ...process.env, DATA_DIR: path.join(work, 'data'), LOG_LEVEL: 'error', DATABASE_URL: '', REDIS_URL: '' };
const cli = (...args: string[]) =>
  run('node', [path.join(ROOT, 'bin/switchboard.mjs'), ...args], { env, cwd: work, timeout: 60_000 });

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('switchboard kb', () => {
  it('imports, lists, replaces and removes articles, printing the calibrated thresholds', async () => {
    const first = await cli('kb', 'import', KB_DIR);
    expect(first.stdout).toMatch(/imported=8 skipped=0 removed=0 errors=0 articles=8/);
    expect(first.stdout).toMatch(/thresholds: answer>=0\.\d+ hint>=0\.\d+ \(held-out articles: 8 articles/);
    expect((await cli('kb', 'list')).stdout).toMatch(/unlock-bike\ttechnical\timport\tUnlock a bike with the app/);

    const smaller = path.join(work, 'kb2');
    cpSync(KB_DIR, smaller, { recursive: true });
    rmSync(path.join(smaller, 'helmet-rules.md'));
    const replaced = await cli('kb', 'import', '--replace', smaller);
    expect(replaced.stdout).toMatch(/imported=0 skipped=7 removed=1 errors=0 articles=7/);
    expect((await cli('kb', 'list')).stdout).not.toMatch(/helmet-rules/);

    const removed = await cli('kb', 'remove', 'unlock-bike');
    expect(removed.stdout).toMatch(/removed=1/);
    const missing = await cli('kb', 'remove', 'no-such-article').catch((e: { code: number; stderr: string }) => e);
    expect((missing as { code: number }).code).toBe(1);
    expect((missing as { stderr: string }).stderr).toMatch(/not found: no-such-article/);
    expect((await cli('kb', 'list')).stdout).toMatch(/^6 articles$/m);
  });
});
