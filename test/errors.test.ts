/** One base error: every error class of the project is a SwitchboardError with a code. */
import { describe, expect, it } from 'vitest';
import { CliError } from '../src/cli/args.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { isSwitchboardError, SwitchboardError } from '../src/core/index.js';
import { parseModelPrices } from '../src/models/endpoints.js';
import { classifyFailure, MalformedOutputError } from '../src/models/failures.js';

describe('errors', () => {
  it('config, CLI and model-output errors share the base class, with code, status, retryable, cause', () => {
    const cause = new Error('root');
    const cases: Array<[SwitchboardError, string, boolean]> = [
      [new ConfigError('PORT: bad', { cause }), 'config_invalid', false],
      [new CliError('missing --file'), 'usage', false],
      [new MalformedOutputError('not JSON', 3, 1), 'malformed_output', true],
    ];
    for (const [err, code, retryable] of cases) {
      expect(err).toBeInstanceOf(SwitchboardError);
      expect(isSwitchboardError(err)).toBe(true);
      expect(err.code).toBe(code);
      expect(err.retryable).toBe(retryable);
      expect(typeof err.status).toBe('number');
    }
    expect(cases[0]![0].cause).toBe(cause);
    expect(classifyFailure(cases[2]![0])).toMatchObject({ kind: 'malformed', tokensIn: 3, tokensOut: 1 });
  });

  it('bad configuration throws ConfigError', () => {
    expect(() => loadConfig({ PORT: 'nope' })).toThrow(ConfigError);
    expect(() => parseModelPrices(['gpt=1'])).toThrow(ConfigError);
  });
});
