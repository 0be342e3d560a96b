/**
 * Import a folder of markdown articles (front matter + body): upsert by id, split into passages,
 * embed what changed, and bump the KB version so every process rebuilds its index. The first
 * import of the operator's own articles replaces the shipped demo; `replace` also removes
 * articles that are no longer in the folder.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SwitchboardError } from '../core/errors.js';
import type { Db } from '../db/db.js';
import type { TextEncoder } from './encoder.js';
import { type KbArticleInput, parseArticle } from './front-matter.js';
import { articleIds, bumpKbVersion, deleteArticles, type KbSource, upsertArticle } from './kb-store.js';
import { splitPassages } from './passages.js';
import { ensureVectors, passageText, titleText } from './vectors.js';

/** Progress callback payload for {@link importKbDir}. */
export interface KbImportProgress {
  /** `read`: files parsed and stored; `embed`: texts embedded. */
  phase: 'read' | 'embed';
  done: number;
  total: number;
  file?: string;
}

/** Options for {@link importKbDir}. */
export interface KbImportOptions {
  onProgress?: (progress: KbImportProgress) => void;
  /** Remove stored articles that are not in this folder (default false). */
  replace?: boolean;
  /** Recorded on each article (default `import`; the demo seed uses `demo`). */
  source?: KbSource;
  /** Sentence encoder for the articles' vectors (default: none, vectors are made on first search). */
  encoder?: TextEncoder;
}

/**
 * Result of an import. `imported`: new or changed articles written; `skipped`: articles already
 * stored with identical content plus files that could not be imported; `removed`: ids deleted
 * (`replace`, or the demo articles the first import replaces); `errors`: one line per bad file.
 */
export interface KbImportResult {
  imported: number;
  skipped: number;
  removed: string[];
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

/** Parse every article file; bad files become readable error lines. */
async function readArticles(root: string, files: string[], options: KbImportOptions) {
  const articles: KbArticleInput[] = [];
  const errors: string[] = [];
  const seen = new Map<string, string>();
  for (const [i, file] of files.entries()) {
    const rel = path.relative(root, file);
    try {
      const fallbackId = path.basename(file).replace(/\.(md|markdown)$/i, '');
      const article = parseArticle(await readFile(file, 'utf8'), fallbackId);
      const first = seen.get(article.id);
      if (first) throw new Error(`duplicate id "${article.id}" (already used by ${first})`);
      seen.set(article.id, rel);
      articles.push(article);
    } catch (err) {
      errors.push(`${rel}: ${err instanceof Error ? err.message : String(err)}`);
    }
    options.onProgress?.({ phase: 'read', done: i + 1, total: files.length, file: rel });
  }
  return { articles, errors };
}

/**
 * Import every `.md`/`.markdown` file under `dir` (recursively). Bad files are reported in
 * `errors` and do not stop the import. Throws `kb_dir_not_found` (400) when `dir` is not a folder.
 */
export async function importKbDir(db: Db, dir: string, options: KbImportOptions = {}): Promise<KbImportResult> {
  const root = path.resolve(dir);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new SwitchboardError('kb_dir_not_found', `Knowledge-base folder not found: ${root}`, { status: 400 });
  }
  const source = options.source ?? 'import';
  const { articles, errors } = await readArticles(root, await listMarkdown(root), options);
  const result: KbImportResult = { imported: 0, skipped: errors.length, removed: [], errors };
  const changed: KbArticleInput[] = [];
  await db.transaction(async (tx) => {
    const existing = await articleIds(tx);
    const demo = source === 'demo' ? [] : await articleIds(tx, 'demo');
    const incoming = new Set(articles.map((a) => a.id));
    // The operator's first import replaces the demo (unless it re-imports the demo's own ids).
    const onlyDemo = demo.length > 0 && demo.length === existing.length && articles.length > 0;
    const stale = options.replace || onlyDemo ? existing.filter((id) => !incoming.has(id)) : [];
    result.removed = await deleteArticles(tx, stale);
    for (const a of articles) {
      if (await upsertArticle(tx, a, splitPassages(a), source)) {
        result.imported++;
        changed.push(a);
      } else result.skipped++;
    }
    if (result.imported > 0 || result.removed.length > 0) await bumpKbVersion(tx);
  });
  if (options.encoder && changed.length) {
    const texts = changed.flatMap((a) => [titleText(a.title), ...splitPassages(a).map(passageText)]);
    await ensureVectors(db, options.encoder, texts, (done, total) =>
      options.onProgress?.({ phase: 'embed', done, total }),
    );
  }
  return result;
}

/** Remove articles by id; returns the ids that existed. */
export async function removeArticles(db: Db, ids: string[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    const removed = await deleteArticles(tx, ids);
    if (removed.length) await bumpKbVersion(tx);
    return removed;
  });
}
