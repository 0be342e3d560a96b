/**
 * Deterministic train/test split of a labeled JSONL file, for the "train on 80%, evaluate on the
 * other 20%" experiment: `splitLabeledFile(file, { trainFraction: 0.8, seed: 42, outDir })` writes
 * `train.jsonl` and `test.jsonl` and returns their paths.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readLabeledJsonl, splitRows } from '../router-training/labeled-file.js';

/** Options of {@link splitLabeledFile}. */
export interface SplitOptions {
  /** Share of rows in the training part (default 0.8). */
  trainFraction?: number;
  /** Shuffle seed (default 42). */
  seed?: number;
  outDir: string;
}

/** Split a labeled file into `train.jsonl` and `test.jsonl` under `outDir`. */
export async function splitLabeledFile(
  file: string,
  options: SplitOptions,
): Promise<{ train: string; test: string; trainRows: number; testRows: number }> {
  const { rows } = await readLabeledJsonl(file);
  const { train, test } = splitRows(rows, options.trainFraction ?? 0.8, options.seed ?? 42);
  await mkdir(options.outDir, { recursive: true });
  const toJsonl = (part: typeof rows) =>
    part
      .map((r) =>
        JSON.stringify({
          text: r.text,
          department: r.department,
          ...(r.altDepartment ? { alt_department: r.altDepartment } : {}),
        }),
      )
      .join('\n');
  const trainPath = path.join(options.outDir, 'train.jsonl');
  const testPath = path.join(options.outDir, 'test.jsonl');
  await writeFile(trainPath, `${toJsonl(train)}\n`);
  await writeFile(testPath, `${toJsonl(test)}\n`);
  return { train: trainPath, test: testPath, trainRows: train.length, testRows: test.length };
}
