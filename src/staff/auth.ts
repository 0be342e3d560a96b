/**
 * Staff accounts and sessions: scrypt password hashes computed off the main thread (older bcrypt
 * hashes still verify; src/staff/password.ts), opaque random tokens of which only the SHA-256 is
 * stored, 12-hour expiry. Passwords and tokens are never logged.
 */
import { createHash, randomBytes } from 'node:crypto';
import { SwitchboardError } from '../core/index.js';
import type { Queryable } from '../db/db.js';
import { dummyHash, hashPassword, verifyPassword } from './password.js';
import {
  deleteExpiredSessions,
  deleteSession,
  insertSession,
  insertStaffUser,
  listStaffUsers,
  type StaffUser,
  selectSessionUser,
  selectStaffByEmail,
} from './staff-repo.js';

export type { StaffUser } from './staff-repo.js';

/** bcrypt cost factor (hashes written before scrypt; kept for tools that still create them). */
export const BCRYPT_COST = 10;
/** Session lifetime. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Minimum password length. */
export const MIN_PASSWORD_CHARS = 8;
export const STAFF_ROLES = ['agent', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Input of {@link createStaffUser}. */
export interface CreateStaffUserInput {
  email: string;
  password: string;
  name?: string;
  role?: string;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const bad = (code: string, message: string) => new SwitchboardError(code, message, { status: 400 });

/** SHA-256 hex of a session token (what staff_sessions stores). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Create a staff user. Validates the email, password length (>= 8) and role (agent | admin,
 * default agent); name defaults to the email's local part. Throws 409 `email_taken` when the
 * email exists.
 */
export async function createStaffUser(db: Queryable, input: CreateStaffUserInput): Promise<StaffUser> {
  const email = String(input.email ?? '')
    .trim()
    .toLowerCase();
  if (!EMAIL_RE.test(email)) throw bad('invalid_email', `Not a valid email address: ${JSON.stringify(input.email)}`);
  if (typeof input.password !== 'string' || input.password.length < MIN_PASSWORD_CHARS)
    throw bad('weak_password', `The password must be at least ${MIN_PASSWORD_CHARS} characters long.`);
  const role = (input.role ?? 'agent') as StaffRole;
  if (!STAFF_ROLES.includes(role)) throw bad('invalid_role', `Role must be one of: ${STAFF_ROLES.join(', ')}.`);
  const name = (input.name ?? '').trim() || email.split('@')[0] || email;
  const hash = await hashPassword(input.password);
  const user = await insertStaffUser(db, { email, name, role, passwordHash: hash });
  if (!user)
    throw new SwitchboardError('email_taken', `A staff user with email ${email} already exists.`, { status: 409 });
  return user;
}

/** Result of {@link login}. */
export interface LoginResult {
  token: string;
  expiresAt: string;
  staff: StaffUser;
}

/** Check email + password and open a 12-hour session. Throws 401 `invalid_credentials`. */
export async function login(db: Queryable, email: unknown, password: unknown): Promise<LoginResult> {
  const fail = () => new SwitchboardError('invalid_credentials', 'Wrong email or password.', { status: 401 });
  if (typeof email !== 'string' || typeof password !== 'string' || !email || !password) throw fail();
  const row = await selectStaffByEmail(db, email.trim().toLowerCase());
  // Unknown emails are compared against a dummy hash, so timing does not reveal which emails exist.
  const ok = await verifyPassword(password, row?.password_hash ?? (await dummyHash()));
  if (!row || !ok) throw fail();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await insertSession(db, hashToken(token), row.id, expiresAt);
  await deleteExpiredSessions(db);
  return {
    token,
    expiresAt: expiresAt.toISOString(),
    staff: { id: row.id, email: row.email, name: row.name, role: row.role },
  };
}

/** The staff user owning a valid, unexpired token, or null. */
export async function authenticate(db: Queryable, token: unknown): Promise<StaffUser | null> {
  if (typeof token !== 'string' || token.length < 16 || token.length > 200) return null;
  return selectSessionUser(db, hashToken(token));
}

/** End a session (no-op for unknown tokens). */
export async function logout(db: Queryable, token: string): Promise<void> {
  await deleteSession(db, hashToken(token));
}

/** All staff users (for reassignment pickers). */
export async function listStaff(db: Queryable): Promise<StaffUser[]> {
  return listStaffUsers(db);
}
