/**
 * `switchboard router train --file <labeled.jsonl>`: validate an operator's labeled history, store
 * it in `router_examples`, train the local router on the shipped examples plus every operator
 * example (operator rows weighted up), and save the model in `router_models`. The runtime loads
 * the latest model at start.
 */
import { loadShippedExamples, type TrainingRow, trainRouterModel } from '../../agents/router/index.js';
import { DEPARTMENTS } from '../core/agents.js';
import { badRequest } from '../core/errors.js';
import type { Db } from '../db/db.js';
import { readLabeledJsonl } from '../router-training/labeled-file.js';
import {
  loadOperatorExamples,
  OPERATOR_WEIGHT,
  saveOperatorExamples,
  saveRouterModel,
} from '../router-training/store.js';

/** Weight of an operator row relative to a shipped example. */
export { OPERATOR_WEIGHT };

/** Arguments of {@link runRouterTrain}. */
export interface RouterTrainArgs {
  file: string;
  db: Db;
  /** Keep earlier operator examples and add these (default false: the file replaces them). */
  append?: boolean;
  /** SGD epochs (default 12). */
  epochs?: number;
  /** Summary lines (default: stdout). */
  out?: (line: string) => void;
  /** Progress lines (default: stderr). */
  progress?: (line: string) => void;
}

/** Result of {@link runRouterTrain}. */
export interface RouterTrainResult {
  /** Valid operator rows read from the file. */
  examples: number;
  /** Training time in milliseconds. */
  ms: number;
  /** Rows skipped as invalid. */
  skipped: number;
  trainAccuracy: number;
  modelId: string;
}

/** Learn an operator's labeled history and store the trained model. */
export async function runRouterTrain(args: RouterTrainArgs): Promise<RouterTrainResult> {
  const out = args.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const progress = args.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { rows, issues } = await readLabeledJsonl(args.file);
  for (const issue of issues.slice(0, 20)) out(`invalid row skipped: ${issue.message}`);
  if (issues.length > 20) out(`${issues.length - 20} more invalid rows skipped`);
  if (rows.length === 0) {
    throw badRequest(
      'no_valid_rows',
      `${args.file}: no valid labeled rows (each line needs "text" and "department": ${DEPARTMENTS.join(' | ')}); nothing was trained`,
    );
  }
  await saveOperatorExamples(
    args.db,
    rows.map((r) => ({ text: r.text, department: r.department })),
    { replace: !args.append },
  );
  const operator = await loadOperatorExamples(args.db);
  const shipped = loadShippedExamples();
  const training: TrainingRow[] = [...shipped, ...operator.map((r) => ({ ...r, weight: OPERATOR_WEIGHT }))];
  progress(`router train: ${shipped.length} shipped + ${operator.length} operator examples`);
  const started = Date.now();
  const model = trainRouterModel(training, {
    epochs: args.epochs,
    onProgress: (done, total) => progress(`router train: epoch ${done}/${total} (${Date.now() - started} ms)`),
  });
  const ms = Date.now() - started;
  const modelId = await saveRouterModel(args.db, model);
  const perDepartment = DEPARTMENTS.map((d) => `${d}=${operator.filter((r) => r.department === d).length}`);
  out(`operator examples by department: ${perDepartment.join(' ')}`);
  out(`rows read: ${rows.length} valid, ${issues.length} skipped`);
  out(`trained on ${training.length} examples (${shipped.length} shipped + ${operator.length} operator) in ${ms} ms`);
  out(
    `training accuracy: ${model.trainAccuracy.toFixed(4)}; model ${modelId} saved (${model.features.length} features)`,
  );
  return { examples: rows.length, ms, skipped: issues.length, trainAccuracy: model.trainAccuracy, modelId };
}
