/**
 * Import a folder of markdown articles (front matter + body) into kb_articles, upserting by id.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SwitchboardError } from '../core/errors.js';
import type { Queryable } from '../db/db.js';
import { type KbArticleInput, parseArticle } from './front-matter.js';

/** Progress callback payload for {@link importKbDir}. */
export interface KbImportProgress {
  done: number;
  total: number;
  file: string;
}

/** Options for {@link importKbDir}. */
export interface KbImportOptions {
  onProgress?: (progress: KbImportProgress) => void;
}

/**
 * Result of an import. `imported`: new or changed articles written; `skipped`: articles already
 * stored with identical content plus files that could not be imported; `errors`: one readable
 * line per bad file ("relative/path.md: reason").
 */
export interface KbImportResult {
  imported: number;
  skipped: number;
  errors: string[];
}

async function listMarkdown(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listMarkdown(full)));
    else if (/\.(md|markdown)$/i.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** Upsert one article; returns true when a row was inserted or changed. */
export async function upsertArticle(db: Queryable, a: KbArticleInput): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO kb_articles (id, title, body, department, tags) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body,
       department = EXCLUDED.department, tags = EXCLUDED.tags, updated_at = now()
     WHERE (kb_articles.title, kb_articles.body, kb_articles.department, kb_articles.tags)
       IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.body, EXCLUDED.department, EXCLUDED.tags)
     RETURNING id`,
    [a.id, a.title, a.body, a.department, a.tags],
  );
  return r.rows.length > 0;
}

/**
 * Import every `.md`/`.markdown` file under `dir` (recursively). Bad files are reported in
 * `errors` and do not stop the import. Throws `kb_dir_not_found` (400) when `dir` is not a folder.
 */
export async function importKbDir(db: Queryable, dir: string, options: KbImportOptions = {}): Promise<KbImportResult> {
  const root = path.resolve(dir);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new SwitchboardError('kb_dir_not_found', `Knowledge-base folder not found: ${root}`, { status: 400 });
  }
  const files = await listMarkdown(root);
  const result: KbImportResult = { imported: 0, skipped: 0, errors: [] };
  const seen = new Map<string, string>();
  for (const [i, file] of files.entries()) {
    const rel = path.relative(root, file);
    try {
      const fallbackId = path.basename(file).replace(/\.(md|markdown)$/i, '');
      const article = parseArticle(await readFile(file, 'utf8'), fallbackId);
      const first = seen.get(article.id);
      if (first) throw new Error(`duplicate id "${article.id}" (already used by ${first})`);
      seen.set(article.id, rel);
      if (await upsertArticle(db, article)) result.imported++;
      else result.skipped++;
    } catch (err) {
      result.skipped++;
      result.errors.push(`${rel}: ${err instanceof Error ? err.message : String(err)}`);
    }
    options.onProgress?.({ done: i + 1, total: files.length, file: rel });
  }
  return result;
}
