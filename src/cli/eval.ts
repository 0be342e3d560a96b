/**
 * `switchboard eval --file <labeled.jsonl>`: route every labeled row and print a confusion matrix,
 * per-department precision/recall/F1, strict (and lenient) accuracy, and as the last line
 * `accuracy=<0..1> macro_f1=<0..1> n=<rows>`. It scores the first step of the worker's decision
 * (src/pipeline/decide.ts), the router, on contexts from the same builder; `eval answers` runs the
 * whole decision through the worker.
 */
import { createLocalRouter } from '../../agents/router/index.js';
import type { Department, RouterAgent, RoutingDecision } from '../core/agents.js';
import { badRequest } from '../core/errors.js';
import type { Db } from '../db/db.js';
import { buildContext } from '../pipeline/context.js';
import { readLabeledJsonl } from '../router-training/labeled-file.js';
import { computeMetrics, formatMetrics, type Prediction } from '../router-training/metrics.js';
import { loadLatestRouterModel } from '../router-training/store.js';

/** Arguments of {@link runEval}. */
export interface EvalArgs {
  file: string;
  /** Router tier (default 'local'); other tiers need `router`. */
  tier?: string;
  /** Router to evaluate (default: the local router, with the db's latest trained model when `db` is set). */
  router?: RouterAgent & { classify?(text: string): RoutingDecision };
  db?: Db;
  /** Report lines (default: stdout). */
  out?: (line: string) => void;
  /** Progress lines for long files (default: stderr). */
  progress?: (line: string) => void;
}

/** Result of {@link runEval}. */
export interface EvalResult {
  accuracy: number;
  macroF1: number;
  n: number;
  lenientAccuracy: number | null;
  /** Lines that were skipped as malformed. */
  skipped: number;
}

async function pickRouter(args: EvalArgs): Promise<RouterAgent & { classify?(text: string): RoutingDecision }> {
  if (args.router) return args.router;
  const tier = args.tier ?? 'local';
  if (tier !== 'local') throw badRequest('unsupported_tier', `eval: tier "${tier}" needs a configured router`);
  const model = args.db ? await loadLatestRouterModel(args.db) : null;
  return createLocalRouter({ model });
}

/** Evaluate a router on a labeled JSONL file. */
export async function runEval(args: EvalArgs): Promise<EvalResult> {
  const out = args.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const progress = args.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { rows, issues } = await readLabeledJsonl(args.file);
  for (const issue of issues.slice(0, 20)) out(`skipped ${issue.message}`);
  if (issues.length > 20) out(`skipped ${issues.length - 20} more malformed lines`);
  if (rows.length === 0) throw badRequest('no_valid_rows', `${args.file}: no valid labeled rows to evaluate`);
  const router = await pickRouter(args);
  const predictions: Prediction[] = [];
  const started = Date.now();
  const every = rows.length >= 2000 ? Math.ceil(rows.length / 10) : 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const decision = router.classify
      ? router.classify(row.text)
      : await router.route(buildContext({ conversationId: `eval-${i}`, messageId: `eval-${i}`, text: row.text }));
    const p: Prediction = { expected: row.department, predicted: decision.department as Department };
    if (row.altDepartment) p.alt = row.altDepartment;
    predictions.push(p);
    if (every && (i + 1) % every === 0) progress(`eval: ${i + 1}/${rows.length} rows (${Date.now() - started} ms)`);
  }
  const metrics = computeMetrics(predictions);
  for (const line of formatMetrics(metrics)) out(line);
  return {
    accuracy: metrics.accuracy,
    macroF1: metrics.macroF1,
    n: metrics.n,
    lenientAccuracy: metrics.lenientAccuracy,
    skipped: issues.length,
  };
}
