/**
 * `switchboard staff add --email <e> [--password <p>] [--name <n>] [--role agent|admin]`.
 * Without `--password` (which other users can see in `ps`), the password comes from STAFF_PASSWORD
 * or standard input (first line; typed without echo on a terminal). Never prints the password.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { SwitchboardError } from '../core/errors.js';
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

/** Where {@link resolveStaffPassword} looks, in order. */
export interface PasswordSources {
  /** `--password` (kept for scripts; visible in `ps`). */
  flag?: string;
  /** STAFF_PASSWORD from the configuration. */
  env?: string;
  /** Standard input (default process.stdin) and where a terminal prompt goes (default process.stderr). */
  stdin?: Readable & { isTTY?: boolean };
  prompt?: Writable;
}

/**
 * The password for `staff add`: `--password`, else STAFF_PASSWORD, else the first line of standard
 * input (on a terminal: a "Password:" prompt without echo). Throws `password_required` when empty.
 */
export async function resolveStaffPassword(sources: PasswordSources): Promise<string> {
  const direct = sources.flag ?? sources.env;
  if (direct) return direct;
  const stdin = sources.stdin ?? process.stdin;
  const line = await readFirstLine(stdin, stdin.isTTY ? (sources.prompt ?? process.stderr) : undefined);
  if (!line) {
    throw new SwitchboardError(
      'password_required',
      'No password: pass it on standard input (echo "$PW" | switchboard staff add ...), set STAFF_PASSWORD, or use --password',
    );
  }
  return line;
}

async function readFirstLine(input: Readable, prompt?: Writable): Promise<string> {
  if (prompt) prompt.write('Password: ');
  const rl = createInterface(prompt ? { input, output: prompt, terminal: true } : { input, terminal: false });
  // On a terminal, typed characters are not echoed (readline writes its echo through this hook).
  if (prompt) (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  try {
    for await (const line of rl) return line.replace(/\r$/, '');
    return '';
  } finally {
    rl.close();
    if (prompt) prompt.write('\n');
  }
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
