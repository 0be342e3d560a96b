/** The import-cycle check of `npm run check`: fails on a folder or file cycle, passes on the repo. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCycles, folderOf } from '../scripts/check-cycles.js';

const root = mkdtempSync(path.join(tmpdir(), 'cycles-'));
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
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-cycles.ts', dir], { encoding: 'utf8' });

describe('check-cycles', () => {
  it('finds a folder cycle made of files that do not import each other', () => {
    const dir = fixture('folders', {
      'src/a/one.ts': "import { two } from '../b/two.js';\nexport const one = two;\n",
      'src/a/three.ts': 'export const three = 3;\n',
      'src/b/two.ts': "export const two = 2;\nexport type { T } from './four.js';\n",
      'src/b/four.ts': "import type { three } from '../a/three.js';\nexport type T = typeof three;\n",
    });
    const report = findCycles(dir);
    expect(report.fileCycles).toEqual([]);
    expect(report.folderCycles).toEqual([['src/a', 'src/b']]);
    const r = run(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/folder cycle: src\/a, src\/b/);
  });

  it('finds a file cycle through a dynamic import and an index file', () => {
    const dir = fixture('files', {
      'adapters/x/index.ts': "export const x = () => import('./y.js');\n",
      'adapters/x/y.ts': "import { x } from './index.js';\nexport const y = x;\n",
    });
    expect(findCycles(dir).fileCycles).toEqual([['adapters/x/index.ts', 'adapters/x/y.ts']]);
    expect(run(dir).status).toBe(1);
  });

  it('passes on the repository (npm run check runs it too)', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/check-cycles.ts', '.'], {
      encoding: 'utf8',
    });
    expect(out).toMatch(/none between folders or files/);
  });

  it('folders are src/<name>, adapters/<name>, agents/<name>; top-level files are their own node', () => {
    expect(folderOf('src/http/app.ts')).toBe('src/http');
    expect(folderOf('src/config.ts')).toBe('src/config');
    expect(folderOf('agents/router/examples/expand.ts')).toBe('agents/router');
  });
});
