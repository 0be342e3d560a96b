import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalRouter } from '../agents/router/index.js';
import { runEval } from '../src/cli/eval.js';
import { runRouterTrain } from '../src/cli/router-train.js';
import { splitLabeledFile } from '../src/cli/split.js';
import { loadLatestRouterModel, loadOperatorExamples } from '../src/router-training/store.js';
import { createPgliteTestDb, type TestDb } from './helpers/db.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED_FILE = path.resolve(repoRoot, '../shared/data/routing-train.jsonl');
const LAST_LINE = /^accuracy=(0|1)\.\d{4} macro_f1=(0|1)\.\d{4} n=\d+$/;

const router = createLocalRouter();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sb-eval-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function collect() {
  const lines: string[] = [];
  return { lines, out: (l: string) => lines.push(l), progress: () => {} };
}

describe('switchboard eval', () => {
  it('prints a confusion matrix, per-department scores and the exact last line', async () => {
    const file = path.join(dir, 'small.jsonl');
    const rows = [
      { text: 'I forgot my password', department: 'technical' },
      { text: 'I was charged twice for my order', department: 'billing' },
      { text: 'Where is my package?', department: 'product', alt_department: 'billing' },
      { text: 'Let me talk to a real person', department: 'escalation' },
      { text: 'Tell me a joke', department: 'out_of_scope' },
      { text: 'What is the weather in Rome', department: 'technical' },
    ];
    await writeFile(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const { lines, out, progress } = collect();
    const result = await runEval({ file, router, out, progress });
    expect(result.n).toBe(6);
    expect(result.accuracy).toBeCloseTo(5 / 6, 4);
    expect(lines.some((l) => /^Confusion matrix \(rows = expected, columns = predicted\)/.test(l))).toBe(true);
    const header = lines.find((l) => l.startsWith('expected'));
    expect(header).toMatch(/technical\s+billing\s+product\s+escalation\s+out_of_scope/);
    const techRow = lines.find((l) => /^technical\s+\d/.test(l));
    expect(techRow?.trim().split(/\s+/).slice(1).map(Number)).toEqual([1, 0, 0, 0, 1]);
    expect(lines.some((l) => /^department\s+precision\s+recall\s+f1\s+support$/.test(l))).toBe(true);
    expect(lines.some((l) => /^lenient accuracy/.test(l))).toBe(true);
    const last = lines.at(-1)!;
    expect(last).toMatch(LAST_LINE);
    expect(last).toBe(`accuracy=0.8333 macro_f1=${result.macroF1.toFixed(4)} n=6`);
  });

  it('skips malformed lines with a message naming the line, and refuses a file with no valid rows', async () => {
    const file = path.join(dir, 'bad.jsonl');
    await writeFile(
      file,
      [
        JSON.stringify({ text: 'I forgot my password', department: 'technical' }),
        '{not json',
        JSON.stringify({ text: 'hello', department: 'sales' }),
        JSON.stringify({ department: 'billing' }),
        '',
        JSON.stringify({ text: 'refund please', department: 'billing' }),
      ].join('\n'),
    );
    const { lines, out, progress } = collect();
    const result = await runEval({ file, router, out, progress });
    expect(result.n).toBe(2);
    expect(result.skipped).toBe(3);
    expect(lines.some((l) => l.includes('bad.jsonl:2: not valid JSON'))).toBe(true);
    expect(lines.some((l) => l.includes('bad.jsonl:3: bad "department" ("sales")'))).toBe(true);
    expect(lines.some((l) => l.includes('bad.jsonl:4: missing or empty "text"'))).toBe(true);
    expect(lines.at(-1)).toMatch(LAST_LINE);

    const empty = path.join(dir, 'empty.jsonl');
    await writeFile(empty, '{oops\n');
    await expect(runEval({ file: empty, router, out: () => {}, progress: () => {} })).rejects.toThrow(
      /no valid labeled rows/,
    );
    await expect(runEval({ file: path.join(dir, 'missing.jsonl'), router, out: () => {} })).rejects.toMatchObject({
      code: 'file_not_found',
    });
  });

  it('the shipped router reaches >= 0.75 strict accuracy on the shared routing data', async () => {
    expect(existsSync(SHARED_FILE)).toBe(true);
    const { lines, out } = collect();
    const progressLines: string[] = [];
    const result = await runEval({ file: SHARED_FILE, router, out, progress: (l) => progressLines.push(l) });
    expect(result.n).toBe(18713);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.75);
    expect(result.lenientAccuracy ?? 0).toBeGreaterThanOrEqual(result.accuracy);
    expect(progressLines.length).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatch(LAST_LINE);
  });
});

describe('switchboard router train', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createPgliteTestDb();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('stops with a clear message when the file has no valid rows', async () => {
    const file = path.join(dir, 'invalid-train.jsonl');
    await writeFile(
      file,
      `${JSON.stringify({ text: 'x', department: 'nope' })}\n${JSON.stringify({ department: 'billing' })}\n`,
    );
    const { lines, out, progress } = collect();
    await expect(runRouterTrain({ file, db: t.db, out, progress })).rejects.toThrow(/no valid labeled rows/);
    expect(lines.some((l) => l.includes('invalid-train.jsonl:1: bad "department" ("nope")'))).toBe(true);
    expect(lines.some((l) => l.includes('invalid-train.jsonl:2: missing or empty "text"'))).toBe(true);
    expect(await loadLatestRouterModel(t.db)).toBeNull();
  });

  it('after training on a seeded 80% of the shared data, scores >= 0.95 on the other 20%', async () => {
    const split = await splitLabeledFile(SHARED_FILE, { trainFraction: 0.8, seed: 7, outDir: dir });
    expect(split.trainRows + split.testRows).toBe(18713);
    expect(split.testRows).toBeGreaterThan(3500);

    const train = collect();
    const trained = await runRouterTrain({ file: split.train, db: t.db, out: train.out, progress: train.progress });
    expect(trained.examples).toBe(split.trainRows);
    expect(train.lines.some((l) => /^operator examples by department: technical=\d+ billing=\d+/.test(l))).toBe(true);
    expect(train.lines.some((l) => /^training accuracy: 0\.\d{4}/.test(l))).toBe(true);
    expect((await loadOperatorExamples(t.db)).length).toBe(split.trainRows);

    const evaluated = collect();
    const result = await runEval({ file: split.test, db: t.db, out: evaluated.out, progress: evaluated.progress });
    expect(result.n).toBe(split.testRows);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(evaluated.lines.at(-1)).toMatch(LAST_LINE);
  });
});
