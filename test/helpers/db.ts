/**
 * Test databases: a fresh real Postgres database per test file (created on 127.0.0.1:5432 and
 * dropped afterwards), or an in-memory PGlite. Both fully migrated.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Db } from '../../src/db/db.js';
import { migrate } from '../../src/db/migrate.js';

/** Admin URL of the test server (TEST_PG_URL overrides). */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A migrated test database and its URL. */
export interface TestDb {
  db: Db;
  /** Postgres URL (undefined for PGlite). */
  url: string | undefined;
  drop(): Promise<void>;
}

/** Create a fresh, migrated Postgres database for one test file. */
export async function createPostgresTestDb(): Promise<TestDb> {
  const name = `sb_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const db = await createDb({ databaseUrl: url });
  await migrate(db);
  return {
    db,
    url,
    async drop() {
      await db.close();
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** Create a migrated in-memory PGlite database. */
export async function createPgliteTestDb(): Promise<TestDb> {
  const db = await createDb({ dataDir: 'memory://' });
  await migrate(db);
  return { db, url: undefined, drop: () => db.close() };
}
