/**
 * The data layer: one small interface over node-postgres (DATABASE_URL) and embedded PGlite
 * (real Postgres in WASM, used when DATABASE_URL is unset). Same SQL, same migrations.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Db, Queryable } from '../core/database.js';
import { acquireDataDirLock } from './data-dir-lock.js';

export type { Db, Queryable } from '../core/database.js';

/** Options for {@link createDb}. */
export interface CreateDbOptions {
  /** Postgres URL; when unset PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory (default ./data/pglite); `memory://` for an in-memory database. */
  dataDir?: string;
  /** Pool size for Postgres (default 10). */
  poolSize?: number;
  /** PGlite: who takes the data directory's lock (shown to other processes; default `cli`). */
  owner?: string;
}

/** Open the configured database. */
export async function createDb(options: CreateDbOptions = {}): Promise<Db> {
  if (options.databaseUrl) return createPgDb(options.databaseUrl, options.poolSize ?? 10);
  return createPgliteDb(options.dataDir ?? './data', options.owner);
}

function createPgDb(url: string, max: number): Db {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 });
  pool.on('error', () => {
    /* idle client errors are reported on the next query */
  });
  let closed = false;
  return {
    kind: 'postgres',
    async query<T>(sql: string, params?: unknown[]) {
      const r = await pool.query(sql, params as unknown[]);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Queryable = {
          async query<T>(sql: string, params?: unknown[]) {
            const r = await client.query(sql, params as unknown[]);
            return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
          },
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

async function createPgliteDb(dataDir: string, owner = 'cli'): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  let target = dataDir;
  let release = () => {};
  if (!dataDir.startsWith('memory://')) {
    // One owner per directory: a second PGlite on it corrupts data (see data-dir-lock.ts).
    release = acquireDataDirLock(dataDir, owner);
    target = path.resolve(dataDir, 'pglite');
    mkdirSync(target, { recursive: true });
  }
  const lite = await PGlite.create(target).catch((err) => {
    release();
    throw err;
  });
  let closed = false;
  const wrap = (q: {
    query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[]; affectedRows?: number }>;
  }): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const r = await q.query(sql, params);
      // PGlite reports affectedRows 0 for SELECT: count the rows then, like node-postgres.
      return { rows: r.rows as T[], rowCount: r.affectedRows || r.rows.length };
    },
  });
  const base = wrap(lite);
  return {
    kind: 'pglite',
    query: base.query,
    async transaction(fn) {
      return lite.transaction(async (tx) => fn(wrap(tx)));
    },
    async exec(sql) {
      await lite.exec(sql);
    },
    async close() {
      if (closed) return;
      closed = true;
      await lite.close().finally(release);
    },
  };
}
