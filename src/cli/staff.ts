/**
 * `switchboard staff add --email <e> --password <p> [--name <n>] [--role agent|admin]`.
 * Never prints the password.
 */
import type { Db } from '../db/db.js';
import { createStaffUser } from '../staff/auth.js';

/** Where the command writes: a stream (process.stdout) or a line callback. */
export type CliOut = { write(chunk: string): unknown } | ((line: string) => void);

/** Arguments of {@link runStaffAdd}. */
export interface StaffAddArgs {
  email: string;
  password: string;
  name?: string;
  role?: string;
}

/**
 * Create a staff user and print its id, email, name and role. Throws a SwitchboardError with a
 * clear message for an invalid email, a password under 8 characters, a bad role, or an email
 * that already exists (code `email_taken`).
 */
export async function runStaffAdd(args: StaffAddArgs, db: Db, out: CliOut): Promise<void> {
  const user = await createStaffUser(db, args);
  const line = `Created staff user ${user.email} (name: ${user.name}, role: ${user.role}, id: ${user.id})`;
  if (typeof out === 'function') out(line);
  else out.write(`${line}\n`);
}
