/** The shipped demo knowledge base and first-start seeding. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/db.js';
import { importKbDir, type KbImportResult } from './kb-import.js';

/** The demo knowledge base shipped with the project (`kb/` at the repository root). */
export const DEFAULT_KB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../kb');

/**
 * Import `dir` (default {@link DEFAULT_KB_DIR}) when kb_articles is empty. Returns the import
 * result, or `undefined` when the table already had articles.
 */
export async function seedIfEmpty(db: Db, dir: string = DEFAULT_KB_DIR): Promise<KbImportResult | undefined> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM kb_articles');
  if (Number(r.rows[0]?.n ?? 0) > 0) return undefined;
  return importKbDir(db, dir);
}
