/**
 * Reading labeled JSONL files (`{"text": ..., "department": ...}` per line) for `switchboard eval`
 * and `switchboard router train`. Bad lines are reported with their line number, never fatal on
 * their own: the caller decides what to do with a file that has no valid rows.
 */
import { readFile } from 'node:fs/promises';
import { DEPARTMENTS, type Department } from '../core/agents.js';
import { SwitchboardError } from '../core/errors.js';
import { seededRandom } from '../core/random.js';

/** One valid labeled row. */
export interface LabeledRow {
  text: string;
  department: Department;
  /** Second defensible department (lenient scoring), when the file has one. */
  altDepartment?: Department;
  /** 1-based line number in the file. */
  line: number;
}

/** A line that could not be used, with a message naming it. */
export interface LabeledFileIssue {
  line: number;
  message: string;
}

/** Result of {@link parseLabeledJsonl}. */
export interface LabeledFile {
  rows: LabeledRow[];
  issues: LabeledFileIssue[];
}

const isDepartment = (v: unknown): v is Department =>
  typeof v === 'string' && (DEPARTMENTS as readonly string[]).includes(v);

/** Parse labeled JSONL text; blank lines are ignored, bad lines become issues. */
export function parseLabeledJsonl(content: string, source = 'input'): LabeledFile {
  const rows: LabeledRow[] = [];
  const issues: LabeledFileIssue[] = [];
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    const line = i + 1;
    if (raw === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      issues.push({ line, message: `${source}:${line}: not valid JSON (${(err as Error).message})` });
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      issues.push({ line, message: `${source}:${line}: expected a JSON object with "text" and "department"` });
      continue;
    }
    const obj = value as Record<string, unknown>;
    if (typeof obj.text !== 'string' || obj.text.trim() === '') {
      issues.push({ line, message: `${source}:${line}: missing or empty "text"` });
      continue;
    }
    if (!isDepartment(obj.department)) {
      const got = obj.department === undefined ? 'missing' : JSON.stringify(obj.department);
      issues.push({
        line,
        message: `${source}:${line}: bad "department" (${got}); expected one of ${DEPARTMENTS.join(', ')}`,
      });
      continue;
    }
    const row: LabeledRow = { text: obj.text, department: obj.department, line };
    if (isDepartment(obj.alt_department)) row.altDepartment = obj.alt_department;
    rows.push(row);
  }
  return { rows, issues };
}

/** Read and parse a labeled JSONL file; a missing file is a clear `file_not_found` error. */
export async function readLabeledJsonl(file: string): Promise<LabeledFile> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (err) {
    throw new SwitchboardError('file_not_found', `Cannot read ${file}: ${(err as Error).message}`, {
      status: 400,
      cause: err,
    });
  }
  return parseLabeledJsonl(content, file);
}

/**
 * Split rows deterministically into train and test parts (seeded shuffle), e.g. the 80/20
 * experiment: `splitRows(rows, 0.8, 42)`.
 */
export function splitRows<T>(rows: readonly T[], trainFraction: number, seed = 42): { train: T[]; test: T[] } {
  const rand = seededRandom(seed);
  const order = rows.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const cut = Math.round(rows.length * trainFraction);
  return { train: order.slice(0, cut).map((i) => rows[i]!), test: order.slice(cut).map((i) => rows[i]!) };
}
