/** The pino logger: JSON lines, LOG_LEVEL (incl. silent), customer text redacted at any depth. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { childLogger, createLogger, type LogLevel } from '../src/runtime/logger.js';

function capture(level: LogLevel, base: Record<string, unknown> = {}) {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  return { log: createLogger(level, base, { destination }), lines };
}

describe('logger', () => {
  it('writes one JSON line per call with level, t, msg and the data', () => {
    const { log, lines } = capture('info', { component: 'test' });
    log.info('hello', { conversationId: 'c1' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'hello', component: 'test', conversationId: 'c1' });
    expect(new Date(String(lines[0]?.t)).toString()).not.toBe('Invalid Date');
  });

  it('honours LOG_LEVEL, silent writes nothing', () => {
    const warn = capture('warn');
    warn.log.info('no');
    warn.log.debug('no');
    warn.log.warn('yes');
    warn.log.error('yes');
    expect(warn.lines.map((l) => l.level)).toEqual(['warn', 'error']);
    const silent = capture('silent');
    silent.log.error('no');
    expect(silent.lines).toEqual([]);
  });

  it('redacts customer text at any depth and renders errors; debug keeps text', () => {
    const { log, lines } = capture('debug');
    const shared = { id: 'x' };
    log.warn('w', {
      inbound: { text: 'my card 4111', meta: { prompt: { system: 'secret prompt' } } },
      messages: [{ content: 'hi 4111' }],
      err: Object.assign(new Error('boom'), { code: 'E1' }),
      a: shared,
      b: shared,
    });
    log.debug('d', { text: 'debug keeps 4111' });
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain('4111');
    expect(line).not.toContain('secret prompt');
    expect(lines[0]).toMatchObject({
      inbound: { text: '[redacted 12 chars]', meta: { prompt: '[redacted]' } },
      messages: [{ content: '[redacted 7 chars]' }],
      err: { name: 'Error', message: 'boom', code: 'E1' },
      a: { id: 'x' },
      b: { id: 'x' },
    });
    expect(lines[1]).toMatchObject({ text: 'debug keeps 4111' });
  });

  it('childLogger adds bindings to every line', () => {
    const { log, lines } = capture('info');
    childLogger(log, { component: 'slack' }).error('bolt: oops', { text: 'customer words' });
    expect(lines[0]).toMatchObject({ component: 'slack', msg: 'bolt: oops', text: '[redacted 14 chars]' });
  });
});
