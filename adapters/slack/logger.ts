/**
 * Logging for the Slack adapter: a bridge from the runtime's logger (passed in) to Bolt's Logger
 * interface, so Bolt's messages go through the same sink, level and redaction.
 */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../src/core/services.js';

/** A logger that drops everything (the adapter's default when none is passed in). */
export const silentLog: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Wrap the runtime's Logger as Bolt's Logger (Bolt calls setLevel/getLevel/setName). */
export function toBoltLogger(log: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  return {
    debug: (...args: unknown[]) => log.debug(`bolt: ${text(args)}`),
    info: (...args: unknown[]) => log.info(`bolt: ${text(args)}`),
    warn: (...args: unknown[]) => log.warn(`bolt: ${text(args)}`),
    error: (...args: unknown[]) => log.error(`bolt: ${text(args)}`),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
