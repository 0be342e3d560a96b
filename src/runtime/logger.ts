/**
 * The one logger of the project, on pino: JSON lines on stderr (`level` as a word, `t` as an ISO
 * time, `msg`), customer text and secrets redacted at info and above, `LOG_LEVEL` honoured
 * (debug | info | warn | error | silent). Adapters get it passed in (they may not import src/runtime).
 */
import { pino } from 'pino';
import type { Logger } from '../core/services.js';

/** Levels `LOG_LEVEL` accepts. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/**
 * Fields that may hold customer text, model prompts/output or secrets. Their string values are
 * replaced by `[redacted N chars]` at info, warn and error (debug keeps them, for local diagnosis),
 * at any depth of the logged data.
 */
export const REDACTED_KEYS = new Set([
  'text',
  'content',
  'body',
  'rawBody',
  'prompt',
  'system',
  'user',
  'password',
  'token',
  'authorization',
  'userHash',
  'summary',
  'raw',
]);

/** Options of {@link createLogger}. */
export interface CreateLoggerOptions {
  /** Where lines go (default process.stderr). */
  destination?: NodeJS.WritableStream;
}

/**
 * A JSON-lines logger on stderr with redaction of customer text and secrets
 * ({@link REDACTED_KEYS}) at info and above. `base` fields are on every line (e.g. `{ component:
 * 'slack' }`). Never pass secrets or passwords in `data`.
 */
export function createLogger(
  level: LogLevel = 'info',
  base: Record<string, unknown> = {},
  options: CreateLoggerOptions = {},
): Logger {
  const logger = pino(
    {
      level,
      base,
      timestamp: () => `,"t":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? process.stderr,
  );
  return fromPino(logger);
}

function fromPino(logger: pino.Logger): Logger {
  const at =
    (lvl: 'debug' | 'info' | 'warn' | 'error') =>
    (msg: string, data?: Record<string, unknown>): void => {
      if (!logger.isLevelEnabled(lvl)) return;
      const clean = data ? (sanitize(data, lvl !== 'debug', new WeakSet()) as Record<string, unknown>) : undefined;
      if (clean) logger[lvl](clean, msg);
      else logger[lvl](msg);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A logger with `bindings` added to every line (same level and destination). */
export function childLogger(log: Logger, bindings: Record<string, unknown>): Logger {
  const merge = (data?: Record<string, unknown>) => ({ ...bindings, ...data });
  return {
    debug: (m, d) => log.debug(m, merge(d)),
    info: (m, d) => log.info(m, merge(d)),
    warn: (m, d) => log.warn(m, merge(d)),
    error: (m, d) => log.error(m, merge(d)),
  };
}

/** Copy `value` with redacted fields (when `redact`) and errors as `{ name, message, code }`. */
function sanitize(value: unknown, redact: boolean, seen: WeakSet<object>, key?: string): unknown {
  if (redact && key !== undefined && REDACTED_KEYS.has(key)) {
    if (typeof value === 'string') return `[redacted ${value.length} chars]`;
    if (value && typeof value === 'object') return '[redacted]';
  }
  if (value instanceof Error)
    return { name: value.name, message: value.message, code: (value as { code?: unknown }).code };
  if (!value || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  const out: unknown = Array.isArray(value)
    ? value.map((v) => sanitize(v, redact, seen))
    : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sanitize(v, redact, seen, k)]));
  seen.delete(value);
  return out;
}
