/**
 * Classification metrics for `switchboard eval`: confusion matrix, per-department precision,
 * recall, F1 and support, strict and lenient accuracy, and their text rendering.
 */
import { DEPARTMENTS, type Department } from '../core/agents.js';

/** Per-department scores. */
export interface DepartmentScore {
  department: Department;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Result of {@link computeMetrics}. */
export interface EvalMetrics {
  n: number;
  accuracy: number;
  /** Share predicted as department or alt department (null when no row has an alt department). */
  lenientAccuracy: number | null;
  macroF1: number;
  /** matrix[expected][predicted] in DEPARTMENTS order. */
  matrix: number[][];
  perDepartment: DepartmentScore[];
}

/** One scored prediction. */
export interface Prediction {
  expected: Department;
  predicted: Department;
  alt?: Department;
}

/** Compute metrics over predictions (macro F1 averages departments that occur in expected or predicted). */
export function computeMetrics(predictions: readonly Prediction[]): EvalMetrics {
  const K = DEPARTMENTS.length;
  const matrix = DEPARTMENTS.map(() => new Array<number>(K).fill(0));
  let correct = 0;
  let lenient = 0;
  let hasAlt = false;
  for (const p of predictions) {
    const e = DEPARTMENTS.indexOf(p.expected);
    const q = DEPARTMENTS.indexOf(p.predicted);
    matrix[e]![q]! += 1;
    if (p.alt) hasAlt = true;
    if (p.expected === p.predicted) correct++;
    if (p.expected === p.predicted || p.alt === p.predicted) lenient++;
  }
  const perDepartment: DepartmentScore[] = DEPARTMENTS.map((department, k) => {
    const tp = matrix[k]![k]!;
    const support = matrix[k]!.reduce((s, x) => s + x, 0);
    const predicted = matrix.reduce((s, row) => s + row[k]!, 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { department, precision, recall, f1, support };
  });
  const present = perDepartment.filter((d, k) => d.support > 0 || matrix.some((row) => row[k]! > 0));
  const n = predictions.length;
  return {
    n,
    accuracy: n ? correct / n : 0,
    lenientAccuracy: hasAlt && n ? lenient / n : null,
    macroF1: present.length ? present.reduce((s, d) => s + d.f1, 0) / present.length : 0,
    matrix,
    perDepartment,
  };
}

const f4 = (x: number) => x.toFixed(4);

/** Render the confusion matrix and per-department table, ending with the `accuracy=... macro_f1=... n=...` line. */
export function formatMetrics(m: EvalMetrics): string[] {
  const w = Math.max(...DEPARTMENTS.map((d) => d.length)) + 2;
  const cell = (s: string | number) => String(s).padStart(w);
  const lines: string[] = [];
  lines.push('Confusion matrix (rows = expected, columns = predicted)');
  lines.push(`${'expected'.padEnd(w)}${DEPARTMENTS.map(cell).join('')}`);
  DEPARTMENTS.forEach((d, k) => {
    lines.push(`${d.padEnd(w)}${m.matrix[k]!.map(cell).join('')}`);
  });
  lines.push('');
  lines.push(
    `${'department'.padEnd(w)}${['precision', 'recall', 'f1', 'support'].map((h) => h.padStart(11)).join('')}`,
  );
  for (const d of m.perDepartment) {
    const vals = [f4(d.precision), f4(d.recall), f4(d.f1), String(d.support)];
    lines.push(`${d.department.padEnd(w)}${vals.map((v) => v.padStart(11)).join('')}`);
  }
  lines.push('');
  lines.push(`strict accuracy: ${f4(m.accuracy)}`);
  if (m.lenientAccuracy !== null)
    lines.push(`lenient accuracy (department or alt_department): ${f4(m.lenientAccuracy)}`);
  lines.push(`accuracy=${f4(m.accuracy)} macro_f1=${f4(m.macroF1)} n=${m.n}`);
  return lines;
}
