/** Tiny argv parser: positionals plus `--flag value` / `--flag=value` / boolean `--flag`. */
export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | true>;
}

/** Parse argv (without node and script). */
export function parseArgs(argv: string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (inline !== undefined) flags[name] = inline;
      else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) flags[name] = argv[++i]!;
      else flags[name] = true;
    } else positionals.push(a);
  }
  return { positionals, flags };
}

/** A string flag or undefined. */
export function flag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
}

/** A user-facing CLI error (printed without a stack trace, exit code 2). */
export class CliError extends Error {
  override name = 'CliError';
}

/** A required string flag. */
export function requireFlag(args: ParsedArgs, name: string, usage: string): string {
  const v = flag(args, name);
  if (!v) throw new CliError(`missing --${name}\nusage: ${usage}`);
  return v;
}
