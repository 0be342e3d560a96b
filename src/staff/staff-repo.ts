/**
 * Repository of the staff aggregate: staff users (console logins and chat-platform users),
 * their sessions (only the SHA-256 of a token is stored) and the first-admin lock. Every function
 * takes a {@link Queryable}, so a caller can pass a transaction. Rules (validation, hashing,
 * expiry) are in auth.ts, first-run.ts and src/staff-channels/staff-users.ts.
 */
import type { Queryable } from '../db/db.js';

/** A staff member as the API shows them (never the hash). */
export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: 'agent' | 'admin';
}

/** Insert a staff user unless the email exists (then null). `passwordHash` is already hashed. */
export async function insertStaffUser(
  q: Queryable,
  u: { email: string; name: string; role: string; passwordHash: string },
): Promise<StaffUser | null> {
  const r = await q.query<StaffUser>(
    `INSERT INTO staff_users (email, name, role, password_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (email) DO NOTHING RETURNING id, email, name, role`,
    [u.email, u.name, u.role, u.passwordHash],
  );
  return r.rows[0] ?? null;
}

/** The staff user with this (normalized) email and their password hash, or null. */
export async function selectStaffByEmail(
  q: Queryable,
  email: string,
): Promise<(StaffUser & { password_hash: string }) | null> {
  const r = await q.query<StaffUser & { password_hash: string }>(
    'SELECT id, email, name, role, password_hash FROM staff_users WHERE email = $1',
    [email],
  );
  return r.rows[0] ?? null;
}

/** All staff users, by name. */
export async function listStaffUsers(q: Queryable): Promise<StaffUser[]> {
  const r = await q.query<StaffUser>('SELECT id, email, name, role FROM staff_users ORDER BY name');
  return r.rows;
}

/** True when at least one staff account exists. */
export async function anyStaffExists(q: Queryable): Promise<boolean> {
  const r = await q.query('SELECT 1 FROM staff_users LIMIT 1');
  return (r.rowCount ?? 0) > 0;
}

/** Take a transaction-scoped advisory lock (released at commit or rollback). */
export async function lockForTransaction(q: Queryable, key: number): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock($1)', [key]);
}

/** The name of one staff member (undefined when unknown). */
export async function staffName(q: Queryable, staffId: string): Promise<string | undefined> {
  const r = await q.query<{ name: string }>('SELECT name FROM staff_users WHERE id = $1', [staffId]);
  return r.rows[0]?.name;
}

/** Names of several staff members by id (unknown ids are missing from the map). One query. */
export async function staffNames(q: Queryable, ids: string[]): Promise<Map<string, string>> {
  const r = await q.query<{ id: string; name: string }>('SELECT id, name FROM staff_users WHERE id = ANY($1::uuid[])', [
    ids,
  ]);
  return new Map(r.rows.map((row) => [row.id, row.name]));
}

/** Store a session (token hash, owner, expiry). */
export async function insertSession(q: Queryable, tokenHash: string, staffId: string, expiresAt: Date): Promise<void> {
  await q.query('INSERT INTO staff_sessions (token_hash, staff_id, expires_at) VALUES ($1, $2, $3)', [
    tokenHash,
    staffId,
    expiresAt,
  ]);
}

/** Delete every expired session. */
export async function deleteExpiredSessions(q: Queryable): Promise<void> {
  await q.query('DELETE FROM staff_sessions WHERE expires_at < now()');
}

/** The staff user owning an unexpired session with this token hash, or null. */
export async function selectSessionUser(q: Queryable, tokenHash: string): Promise<StaffUser | null> {
  const r = await q.query<StaffUser>(
    `SELECT u.id, u.email, u.name, u.role FROM staff_sessions s JOIN staff_users u ON u.id = s.staff_id
     WHERE s.token_hash = $1 AND s.expires_at > now()`,
    [tokenHash],
  );
  return r.rows[0] ?? null;
}

/** Delete one session (no-op for unknown hashes). */
export async function deleteSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.query('DELETE FROM staff_sessions WHERE token_hash = $1', [tokenHash]);
}

/** The column linking a staff user to a chat-platform user. */
export type PlatformUserColumn = 'slack_user_id' | 'discord_user_id';

/** The oldest staff user linked to platform user `userId`, or null. */
export async function findStaffByPlatformUser(
  q: Queryable,
  column: PlatformUserColumn,
  userId: string,
): Promise<{ id: string; name: string } | null> {
  const r = await q.query<{ id: string; name: string }>(
    `SELECT id, name FROM staff_users WHERE ${column} = $1 ORDER BY created_at LIMIT 1`,
    [userId],
  );
  return r.rows[0] ?? null;
}

/** Create an `agent` for a platform user (or link the existing row with this email to it). */
export async function provisionPlatformStaff(
  q: Queryable,
  column: PlatformUserColumn,
  u: { email: string; name: string; passwordHash: string; userId: string },
): Promise<{ id: string; name: string }> {
  const r = await q.query<{ id: string; name: string }>(
    `INSERT INTO staff_users (email, name, role, password_hash, ${column})
     VALUES ($1, $2, 'agent', $3, $4)
     ON CONFLICT (email) DO UPDATE SET ${column} = EXCLUDED.${column}
     RETURNING id, name`,
    [u.email, u.name, u.passwordHash, u.userId],
  );
  return r.rows[0] as { id: string; name: string };
}
