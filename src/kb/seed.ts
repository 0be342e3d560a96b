/** The shipped demo knowledge base and first-start seeding. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/db.js';
import type { TextEncoder } from './encoder.js';
import { importKbDir, type KbImportResult } from './kb-import.js';
import { countArticles } from './kb-store.js';

/** The fictional company of the demo knowledge base (used as the brand while only the demo is loaded). */
export const DEMO_BRAND_NAME = 'Northwind Cloud';

/** The demo knowledge base shipped with the project (`kb/` at the repository root). */
export const DEFAULT_KB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../kb');

/**
 * Import `dir` (default {@link DEFAULT_KB_DIR}, marked as `demo`) when the knowledge base is empty.
 * Returns the import result, or `undefined` when the operator already has articles.
 */
export async function seedIfEmpty(
  db: Db,
  dir: string = DEFAULT_KB_DIR,
  encoder?: TextEncoder,
): Promise<KbImportResult | undefined> {
  if ((await countArticles(db)) > 0) return undefined;
  return importKbDir(db, dir, { source: dir === DEFAULT_KB_DIR ? 'demo' : 'import', encoder });
}
