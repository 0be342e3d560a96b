import type { Queryable } from './db.js';

/** Round-trip the database once (`SELECT 1`); rejects when it is unreachable. For health probes. */
export async function ping(q: Queryable): Promise<void> {
  await q.query('SELECT 1');
}
