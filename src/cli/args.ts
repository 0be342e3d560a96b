/**
 * CLI arguments on `node:util` parseArgs: positionals plus the options in {@link CLI_OPTIONS}
 * (`--flag value`, `--flag=value`, boolean `--flag`). A boolean flag never takes the next word, so
 * `kb import --replace <dir>` keeps `<dir>` as a positional.
 */
import { parseArgs as parseNodeArgs } from 'node:util';
import { SwitchboardError } from '../core/errors.js';

/** Every option a command reads: strings take a value, booleans do not. */
export const CLI_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  replace: { type: 'boolean' },
  cost: { type: 'boolean' },
  file: { type: 'string' },
  kb: { type: 'string' },
  tier: { type: 'string' },
  sample: { type: 'string' },
  messages: { type: 'string' },
  concurrency: { type: 'string' },
  email: { type: 'string' },
  password: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
} as const;

/** Parsed command line. */
export interface ParsedArgs {
  positionals: string[];
  /** A string option with its value, a boolean option (or a string option given no value) as `true`. */
  flags: Record<string, string | true>;
}

/**
 * Parse argv (without node and script). Unknown `--options` are kept as booleans (or with their
 * `=value`) rather than refused, so a command can report what it misses in its own words.
 */
export function parseArgs(argv: string[]): ParsedArgs {
  const { values, positionals } = parseNodeArgs({
    args: argv,
    options: CLI_OPTIONS,
    strict: false,
    allowPositionals: true,
  });
  const flags: Record<string, string | true> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'string') flags[name] = value;
    else if (value === true) flags[name] = true;
  }
  return { positionals, flags };
}

/** A string flag or undefined. */
export function flag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
}

/** A user-facing CLI error (printed without a stack trace, exit code 2). */
export class CliError extends SwitchboardError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('usage', message, { status: 400, cause: options.cause });
    this.name = 'CliError';
  }
}

/** A required string flag. */
export function requireFlag(args: ParsedArgs, name: string, usage: string): string {
  const v = flag(args, name);
  if (!v) throw new CliError(`missing --${name}\nusage: ${usage}`);
  return v;
}
