/**
 * Migration runner: numbered SQL files in migrations/, append-only, applied in order inside a
 * transaction under a Postgres advisory lock, recorded in the schema_migrations ledger.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SwitchboardError } from '../core/errors.js';
import type { Db } from './db.js';

/** Default migrations folder (the project's migrations/). */
export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');
const LOCK_KEY = 4_242_001;

/** A migration file. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Read migration files named `NNN_name.sql`, sorted by number. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .map((f) => ({
      version: Number.parseInt(f.split('_')[0] ?? '0', 10),
      name: f,
      sql: readFileSync(path.join(dir, f), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
}

/** Result of {@link migrate}. */
export interface MigrateResult {
  applied: string[];
}

/** Apply pending migrations. Safe to run from many processes at once. */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<MigrateResult> {
  const migrations = readMigrations(dir);
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const have = new Set(done.rows.map((r) => Number(r.version)));
    const known = migrations.reduce((max, m) => Math.max(max, m.version), 0);
    const newer = Math.max(0, ...have);
    if (newer > known) {
      throw new SwitchboardError(
        'schema_too_new',
        `the database was migrated by a newer Switchboard (migration ${newer}; this version knows up to ${known}) — upgrade Switchboard or point DATABASE_URL / DATA_DIR at another database`,
        { status: 503 },
      );
    }
    for (const m of migrations) {
      if (have.has(m.version)) continue;
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.name);
    }
  });
  return { applied };
}

/** Split a SQL file on semicolons at line ends, keeping $$-quoted bodies intact. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let buf = '';
  let inDollar = false;
  for (const line of sql.split('\n')) {
    if (line.trim().startsWith('--') && !inDollar) continue;
    const dollars = line.match(/\$\$/g)?.length ?? 0;
    if (dollars % 2 === 1) inDollar = !inDollar;
    buf += `${line}\n`;
    if (!inDollar && line.trimEnd().endsWith(';')) {
      if (buf.trim()) out.push(buf.trim());
      buf = '';
    }
  }
  if (buf.trim()) out.push(buf.trim());
  return out;
}
