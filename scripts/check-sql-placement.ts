/**
 * SQL-placement check (part of `npm run check`): SQL lives in the data layer only.
 *
 * Reads every `.ts` file under `src/`, `adapters/` and `agents/` of a project root and fails when a
 * file outside the data layer contains a SQL statement (`SELECT`, `INSERT INTO`, `UPDATE <table> SET`,
 * `DELETE FROM`, upper case, as whole words). The data layer is a file under a `db/`, `data/` or
 * `repositories/` folder, or one named after its role: `*repo*.ts`, `*queries*.ts`, `*sql*.ts`,
 * `*store*.ts`, `migrate*.ts`.
 *
 * Usage: `tsx scripts/check-sql-placement.ts [projectRoot]` (default: the current directory).
 * Exit code 0 when every statement is in the data layer, 1 otherwise (each file printed with its
 * first offending line).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { listTsFiles } from './list-ts-files.js';

/** Top-level folders whose files are checked. */
export const CHECKED_ROOTS = ['src', 'adapters', 'agents'] as const;

/** What counts as SQL (the same pattern as the issue's `grep -E`). */
export const SQL_PATTERN = /\b(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM)\b/;

const DATA_FOLDERS = new Set(['db', 'data', 'repositories']);
const DATA_FILE = /(repo|queries|sql|store)[^/]*\.ts$|^migrate[^/]*\.ts$/;

/** True when a project-relative path (`src/db/db.ts`) is in the data layer. */
export function isDataLayer(relFile: string): boolean {
  const parts = relFile.split('/');
  const name = parts.at(-1) ?? '';
  return parts.slice(0, -1).some((p) => DATA_FOLDERS.has(p)) || DATA_FILE.test(name);
}

/** A file outside the data layer with SQL in it. */
export interface MisplacedSql {
  file: string;
  line: number;
  text: string;
}

/** Every file of `root` outside the data layer that contains SQL, with its first SQL line. */
export function findMisplacedSql(root: string): MisplacedSql[] {
  const found: MisplacedSql[] = [];
  for (const top of CHECKED_ROOTS) {
    for (const file of listTsFiles(path.join(root, top))) {
      const rel = path.relative(root, file).split(path.sep).join('/');
      if (isDataLayer(rel)) continue;
      const lines = readFileSync(file, 'utf8').split('\n');
      const i = lines.findIndex((l) => SQL_PATTERN.test(l));
      if (i >= 0) found.push({ file: rel, line: i + 1, text: (lines[i] ?? '').trim().slice(0, 120) });
    }
  }
  return found.sort((a, b) => a.file.localeCompare(b.file));
}

function main(): number {
  const root = path.resolve(process.argv[2] ?? '.');
  const found = findMisplacedSql(root);
  for (const f of found) console.error(`${f.file}:${f.line}: ${f.text}`);
  if (found.length) {
    console.error(
      `SQL outside the data layer: ${found.length} file(s). Move each statement into the aggregate's repository (src/db/, *repo*.ts, *queries*.ts, *sql*.ts, *store*.ts).`,
    );
    return 1;
  }
  console.log('SQL placement: every statement is in the data layer');
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('check-sql-placement.ts')) {
  process.exitCode = main();
}
