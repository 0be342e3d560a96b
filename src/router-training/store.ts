/**
 * Persistence of the router's operator data: labeled examples (`router_examples`) and trained
 * models (`router_models`, JSON in `model`). Works on Postgres and PGlite alike.
 */
import type { RouterModel } from '../../agents/router/index.js';
import type { Department } from '../core/agents.js';
import { SwitchboardError } from '../core/errors.js';
import type { Db } from '../db/db.js';

/** Weight of an operator's labelled example relative to a shipped one. */
export const OPERATOR_WEIGHT = 2;

/** Options for {@link saveOperatorExamples}. */
export interface SaveExamplesOptions {
  /** Delete earlier operator examples first (default false: append). */
  replace?: boolean;
  /** Value of the `source` column (default 'operator'). */
  source?: string;
}

const BATCH = 1000;

/** Store labeled operator examples; returns how many rows were written. */
export async function saveOperatorExamples(
  db: Db,
  rows: readonly { text: string; department: Department }[],
  options: SaveExamplesOptions = {},
): Promise<number> {
  const source = options.source ?? 'operator';
  return db.transaction(async (tx) => {
    if (options.replace) await tx.query('DELETE FROM router_examples WHERE source = $1', [source]);
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await tx.query(
        `INSERT INTO router_examples (text, department, source)
         SELECT t, d, $3 FROM unnest($1::text[], $2::text[]) AS x(t, d)`,
        [batch.map((r) => r.text), batch.map((r) => r.department), source],
      );
    }
    return rows.length;
  });
}

/** All stored operator examples, oldest first. */
export async function loadOperatorExamples(
  db: Db,
  source = 'operator',
): Promise<{ text: string; department: Department }[]> {
  const r = await db.query<{ text: string; department: Department }>(
    'SELECT text, department FROM router_examples WHERE source = $1 ORDER BY id',
    [source],
  );
  return r.rows;
}

/** Store a trained model; returns its id. */
export async function saveRouterModel(db: Db, model: RouterModel): Promise<string> {
  const r = await db.query<{ id: string | number }>(
    'INSERT INTO router_models (kind, model, examples) VALUES ($1, $2::jsonb, $3) RETURNING id',
    [model.kind, JSON.stringify(model), model.examples],
  );
  return String(r.rows[0]!.id);
}

/** Check the shape of a stored model (throws `router_model_invalid` when it is corrupt). */
export function assertRouterModel(value: unknown): RouterModel {
  const m = value as Partial<RouterModel> | null;
  const ok =
    m !== null &&
    typeof m === 'object' &&
    m.kind === 'tfidf-lr' &&
    Array.isArray(m.departments) &&
    Array.isArray(m.features) &&
    Array.isArray(m.idf) &&
    Array.isArray(m.weights) &&
    Array.isArray(m.bias) &&
    m.idf.length === m.features.length &&
    m.weights.length === m.features.length * m.departments.length &&
    m.bias.length === m.departments.length;
  if (!ok)
    throw new SwitchboardError('router_model_invalid', 'Stored router model is malformed; run `router train` again');
  return m as RouterModel;
}

/** The most recently trained model, or null when none was trained (or its kind is unknown here). */
export async function loadLatestRouterModel(db: Db): Promise<RouterModel | null> {
  const r = await db.query<{ kind: string; model: unknown }>(
    'SELECT kind, model FROM router_models ORDER BY created_at DESC, id DESC LIMIT 1',
  );
  const row = r.rows[0];
  if (row?.kind !== 'tfidf-lr') return null;
  const value = typeof row.model === 'string' ? JSON.parse(row.model) : row.model;
  return assertRouterModel(value);
}
