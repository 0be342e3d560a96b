/**
 * Logging for the Slack adapter: a minimal structured logger (the runtime's Logger fits it) and a
 * bridge to Bolt's Logger interface, so Bolt's messages go through the same sink and level.
 */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';

/** The logger shape the adapter needs (src/runtime Logger satisfies it). */
export interface AdapterLog {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

const ORDER = ['debug', 'info', 'warn', 'error', 'silent'] as const;
type Level = (typeof ORDER)[number];

/** A JSON-lines console logger honouring `level` (default info). */
export function consoleLog(level: Level = 'info'): AdapterLog {
  const min = ORDER.indexOf(level);
  const at = (l: Exclude<Level, 'silent'>) => (msg: string, data?: Record<string, unknown>) => {
    if (ORDER.indexOf(l) < min) return;
    const line = JSON.stringify({ level: l, time: new Date().toISOString(), scope: 'slack', msg, ...data });
    if (l === 'error' || l === 'warn') console.error(line);
    else console.log(line);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Wrap an AdapterLog as Bolt's Logger (Bolt calls setLevel/getLevel/setName). */
export function toBoltLogger(log: AdapterLog): BoltLogger {
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
