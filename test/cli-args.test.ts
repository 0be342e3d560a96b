/** CLI arguments on node:util parseArgs. */
import { describe, expect, it } from 'vitest';
import { CliError, flag, parseArgs, requireFlag } from '../src/cli/args.js';
import { isSwitchboardError } from '../src/core/index.js';

describe('parseArgs', () => {
  it('a boolean flag does not swallow the positional after it', () => {
    expect(parseArgs(['kb', 'import', '--replace', './docs'])).toEqual({
      positionals: ['kb', 'import', './docs'],
      flags: { replace: true },
    });
  });

  it('string flags take the next word or =value; -h is help', () => {
    const a = parseArgs(['eval', '--file', 'rows.jsonl', '--tier=fast', '-h']);
    expect(a.positionals).toEqual(['eval']);
    expect(flag(a, 'file')).toBe('rows.jsonl');
    expect(flag(a, 'tier')).toBe('fast');
    expect(a.flags.help).toBe(true);
  });

  it('a string flag without its value is missing, with a usage error that is a SwitchboardError', () => {
    const a = parseArgs(['eval', '--file']);
    expect(flag(a, 'file')).toBeUndefined();
    let caught: unknown;
    try {
      requireFlag(a, 'file', 'switchboard eval --file <labeled.jsonl>');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CliError);
    expect(isSwitchboardError(caught) || caught instanceof CliError).toBe(true);
    expect((caught as CliError).code).toBe('usage');
    expect((caught as CliError).message).toMatch(/missing --file/);
  });
});
